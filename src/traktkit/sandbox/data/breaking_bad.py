"""Breaking Bad: all 5 seasons, 62 episodes, with real titles and US air dates (AMC).

Ids: S01E01 "Pilot" has its real ids (trakt 73482, tvdb 349232, imdb tt0959621, tmdb
62085). The other episodes' Trakt ids are generated sequentially after the pilot's
(73483...), and their tvdb/tmdb/imdb ids are generated in reserved ranges (see
`catalogue.generated_episode_ids`): they could not be verified.
"""

from __future__ import annotations

# (trakt, tvdb, imdb, tmdb)
PILOT_IDS: tuple[int, int, str, int] = (73482, 349232, "tt0959621", 62085)

# season -> ((title, air date), ...)
EPISODES: dict[int, tuple[tuple[str, str], ...]] = {
    1: (
        ("Pilot", "2008-01-20"),
        ("Cat's in the Bag...", "2008-01-27"),
        ("...And the Bag's in the River", "2008-02-10"),
        ("Cancer Man", "2008-02-17"),
        ("Gray Matter", "2008-02-24"),
        ("Crazy Handful of Nothin'", "2008-03-02"),
        ("A No-Rough-Stuff-Type Deal", "2008-03-09"),
    ),
    2: (
        ("Seven Thirty-Seven", "2009-03-08"),
        ("Grilled", "2009-03-15"),
        ("Bit by a Dead Bee", "2009-03-22"),
        ("Down", "2009-03-29"),
        ("Breakage", "2009-04-05"),
        ("Peekaboo", "2009-04-12"),
        ("Negro y Azul", "2009-04-19"),
        ("Better Call Saul", "2009-04-26"),
        ("4 Days Out", "2009-05-03"),
        ("Over", "2009-05-10"),
        ("Mandala", "2009-05-17"),
        ("Phoenix", "2009-05-24"),
        ("ABQ", "2009-05-31"),
    ),
    3: (
        ("No Más", "2010-03-21"),
        ("Caballo sin Nombre", "2010-03-28"),
        ("I.F.T.", "2010-04-04"),
        ("Green Light", "2010-04-11"),
        ("Más", "2010-04-18"),
        ("Sunset", "2010-04-25"),
        ("One Minute", "2010-05-02"),
        ("I See You", "2010-05-09"),
        ("Kafkaesque", "2010-05-16"),
        ("Fly", "2010-05-23"),
        ("Abiquiu", "2010-05-30"),
        ("Half Measures", "2010-06-06"),
        ("Full Measure", "2010-06-13"),
    ),
    4: (
        ("Box Cutter", "2011-07-17"),
        ("Thirty-Eight Snub", "2011-07-24"),
        ("Open House", "2011-07-31"),
        ("Bullet Points", "2011-08-07"),
        ("Shotgun", "2011-08-14"),
        ("Cornered", "2011-08-21"),
        ("Problem Dog", "2011-08-28"),
        ("Hermanos", "2011-09-04"),
        ("Bug", "2011-09-11"),
        ("Salud", "2011-09-18"),
        ("Crawl Space", "2011-09-25"),
        ("End Times", "2011-10-02"),
        ("Face Off", "2011-10-09"),
    ),
    5: (
        ("Live Free or Die", "2012-07-15"),
        ("Madrigal", "2012-07-22"),
        ("Hazard Pay", "2012-07-29"),
        ("Fifty-One", "2012-08-05"),
        ("Dead Freight", "2012-08-12"),
        ("Buyout", "2012-08-19"),
        ("Say My Name", "2012-08-26"),
        ("Gliding Over All", "2012-09-02"),
        ("Blood Money", "2013-08-11"),
        ("Buried", "2013-08-18"),
        ("Confessions", "2013-08-25"),
        ("Rabid Dog", "2013-09-01"),
        ("To'hajiilee", "2013-09-08"),
        ("Ozymandias", "2013-09-15"),
        ("Granite State", "2013-09-22"),
        ("Felina", "2013-09-29"),
    ),
}
