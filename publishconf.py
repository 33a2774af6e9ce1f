"""Published settings: absolute URLs on the public address."""

import sys

sys.path.append(".")
from pelicanconf import *  # noqa: E402,F403

RELATIVE_URLS = False
SITEURL = PUBLIC_URL  # noqa: F405
FEED_DOMAIN = SITEURL
