from traktkit.cli.main import main

main()
