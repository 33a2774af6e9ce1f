"""Published settings: absolute URLs on the public address."""

import os
import sys

# The feed, the QR codes and every link carry this address: never publish the placeholder.
if not os.environ.get("PUBLIC_URL"):
    sys.exit(
        "make publish : indiquez l'adresse publique du site, par exemple "
        "PUBLIC_URL=https://instant-cafe.ccas.example make publish (sur la forge : la variable PUBLIC_URL)."
    )

sys.path.append(".")
from pelicanconf import *  # noqa: E402,F403

RELATIVE_URLS = False
SITEURL = PUBLIC_URL  # noqa: F405
FEED_DOMAIN = SITEURL
