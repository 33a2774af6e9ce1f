"""Development settings: relative URLs, the shipped content (Dijon's programme)."""

import os

from instant_cafe import urls
from instant_cafe.settings import PLACEHOLDER_URL, today_in_paris

SITENAME = "L'instant CAFÉ"
SITESUBTITLE = "Le lundi matin, un café pour bien commencer la semaine"
AUTHOR = "CCAS de Dijon"

# The public address of the site (à compléter: the CCAS's real domain). Used
# for absolute links, feeds and QR codes in every build; override it with
# PUBLIC_URL=https://… make html.
PUBLIC_URL = (os.environ.get("PUBLIC_URL") or PLACEHOLDER_URL).rstrip("/")
SITEURL = PUBLIC_URL
RELATIVE_URLS = True

# The day the site is built for: it chooses which sessions are shown. An
# input, never read inside generation; override with BUILD_DATE=2027-01-04.
BUILD_DATE = os.environ.get("BUILD_DATE") or today_in_paris().isoformat()

PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("C.UTF-8", "C")
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["instant_cafe"]

ARTICLE_PATHS = [urls.POSTS_FOLDER]
PAGE_PATHS = [urls.PAGES_FOLDER]
STATIC_PATHS = [urls.IMAGES_FOLDER]
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
SLUGIFY_SOURCE = "basename"
FILENAME_METADATA = r"(?P<slug>.*)"
DELETE_OUTPUT_DIRECTORY = True

ARTICLE_URL = urls.POST_URL
ARTICLE_SAVE_AS = urls.POST_SAVE_AS
PAGE_URL = urls.PAGE_URL
PAGE_SAVE_AS = urls.PAGE_SAVE_AS
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
INDEX_SAVE_AS = urls.POSTS_INDEX
# Newest week first, whatever day the post was written.
ARTICLE_ORDER_BY = "reversed-semaine"
DIRECT_TEMPLATES = ["index"]
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": 10}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# Pages nobody reads: no author, category, tag or archive pages.
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""

FEED_ALL_ATOM = urls.POSTS_FEED
FEED_ATOM = FEED_RSS = FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20

# What staff write in Markdown. Its HTML then goes through the sanitizer
# (plugins/instant_cafe/sanitizer.py): attribute lists are parsed so that an
# attribute staff add is judged by it, and table alignment is an attribute, not a style.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.meta": {},
        "markdown.extensions.tables": {"use_align_attribute": True},
        "markdown.extensions.attr_list": {},
        "markdown.extensions.abbr": {},
        "markdown.extensions.def_list": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# The Monday rotation (plugins/instant_cafe/rotation.py has the defaults and
# checks every value): 9 h 30 – 11 h 30, and every year a season from the first
# Monday of September to the last Monday of June (our assumption, not a fact of
# the CCAS: pages, flyers and the feed say the dates are to be confirmed until
# staff list the season in content/infos/pratique.md). Each café's file says which Monday of
# the month it receives (« Rang », 1 to 5); a rank without a café (by default the
# fifth Monday) has no session.
ROTATION = {
    # A season with other dates: "season_changes": {"2027-2028": {"first": "2027-09-13"}}.
    # Days without sessions: "closures": [{"name": "Fermeture du CCAS", "first": "…", "last": "…"}].
}

CONTACT = {
    "organisation": "CCAS de Dijon",
    "organisation_long": "Centre communal d'action sociale de Dijon",
    "phone": "03 80 44 81 00",
    "phone_uri": "tel:+33380448100",
    "hours": "de 9 h à 12 h",
    "person": "Mme Loizeau",
}

LEGAL = {
    "publisher": "Centre communal d'action sociale (CCAS) de Dijon",
    # Unknown yet: left empty (`make check` lists them; the page says they are not given yet).
    "publisher_address": "",
    "publication_director": "",
    "host_name": "",
    "host_address": "",
    "host_phone": "",
}

# Every public page carries it (theme/templates/base.html); the nginx sample
# sends the same, plus what only a header can say (frame-ancestors).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'"
)

# `make flyer` sets it to build the flyers alone; `make flyer BROUILLON=1` sets
# FLYER_DRAFT to print draft flyers (marked « brouillon ») before the address is known.
FLYER_ONLY = False
FLYER_DRAFT = False

ACCESSIBILITY = {
    "status": "non conforme",
    "declaration_date": "",  # AAAA-MM-JJ, once the statement is dated
}

# Where the staff editor (admin/) saves, online: see the operations page of the staff
# guide (content/README.md). route: « forgejo » or « gitea » (the forge's own login, no
# server of ours) or « github » (needs an OAuth relay, auth_url). Until repo is filled in,
# `make publish` leaves admin/ out and `make check` lists it; `make editeur` works anyway.
EDITOR = {
    "route": "forgejo",
    "repo": "",  # owner/name, e.g. ccas-dijon/instant-cafe
    "branch": "main",
    "forge_url": "",  # forgejo, gitea: https://forge.example.fr
    "app_id": "",  # forgejo, gitea: the client ID of the forge's OAuth2 application
    "auth_url": "",  # github: the OAuth relay's address
}

# How the calendar feed and the schema.org events describe themselves.
CALENDAR = {
    "name": "L'instant CAFÉ – CCAS de Dijon",
    "event_name": "L'instant CAFÉ",
    "description": "Les séances de L'instant CAFÉ, le lundi matin à Dijon.",
    "prodid": "-//CCAS de Dijon//L'instant CAFÉ//FR",
    # Never change these two: calendars recognise events by their UID, and the
    # date stamps the sessions no notice changed.
    "uid_domain": "instant-cafe.ccas-dijon",
    "since": "2026-09-07",
    "event_description": (
        "Deux travailleurs sociaux du CCAS vous reçoivent au café pour partager les bons plans et préparer votre semaine."
    ),
}
