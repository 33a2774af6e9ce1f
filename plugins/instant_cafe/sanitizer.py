"""What staff HTML may contain: one allowlist, applied by nh3 (ammonia), no Pelican here.

Every fragment of HTML that comes from staff (post, page, café and notice bodies,
the Summary field) goes through ``check_html``. The sanitizer decides; we only
compare what it keeps with what was written, on the parsed trees (so that
entities, attribute order or comments are not differences), and explain each
difference in French. If the sanitizer would remove anything, the file is refused:
staff learn what to write instead, and nothing is silently dropped.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import nh3
from selectolax.lexbor import LexborHTMLParser

# What staff need: headings below the page title, paragraphs, lists, emphasis,
# quotes, tables, line breaks, links and the site's own images.
TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd",
    "strong", "em", "b", "i", "abbr", "blockquote",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
}
# Absolute links: https, e-mail and telephone. Relative ones are the site's own.
URL_SCHEMES = {"https", "mailto", "tel"}
# Pelican's own link syntax for a file of content/: the only ones staff use.
CONTENT_LINKS = ("{filename}", "{static}")
HAS_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.I)


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """Per-attribute rules the tag and scheme lists cannot say (None removes)."""
    if attribute in ("href", "src"):
        if value.lstrip().startswith("{") and not value.lstrip().startswith(CONTENT_LINKS):
            return None  # {attach}, {author}…: Pelican would copy or invent files
        if value.lstrip().startswith("//"):
            return None  # no scheme: http or https depending on the page
        if tag == "img" and HAS_SCHEME.match(value):
            return None  # an image from another site would be loaded by every visitor
    return value


CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_keep,
    strip_comments=True,
    link_rel=None,
    url_schemes=URL_SCHEMES,
)


def clean(html: str) -> str:
    return CLEANER.clean(html)


# Why a tag or an attribute is refused, and what to write instead (French, for staff).
EMBEDS = "les contenus intégrés d'un autre site ne sont pas acceptés : mettez un simple lien vers la page qui les montre"
SCRIPT = "aucun script n'est accepté dans le contenu du site"
LAYOUT = "la mise en forme passe par le Markdown (## sous-titre, **gras**, *italique*, listes avec « - »)"
TAG_HINTS = {
    "script": SCRIPT,
    "noscript": SCRIPT,
    "style": "le style du site est commun à toutes les pages : " + LAYOUT,
    "link": "le site ne charge rien depuis une autre adresse : retirez cette balise",
    "meta": "cette balise changerait le comportement de la page : retirez-la",
    "base": "cette balise changerait l'adresse de tous les liens : retirez-la",
    "iframe": EMBEDS,
    "embed": EMBEDS,
    "object": EMBEDS,
    "video": "les vidéos intégrées ne sont pas acceptées : mettez un lien vers la vidéo",
    "audio": "les sons intégrés ne sont pas acceptés : mettez un lien vers l'enregistrement",
    "source": "les vidéos et les sons intégrés ne sont pas acceptés : mettez un lien vers eux",
    "svg": "les dessins SVG ne sont pas acceptés : enregistrez l'image en PNG ou JPEG dans content/images/",
    "math": "les formules ne sont pas acceptées : écrivez-les en texte",
    "form": "aucun formulaire n'est accepté : le site ne recueille aucune donnée",
    "input": "aucun formulaire n'est accepté : le site ne recueille aucune donnée",
    "button": "aucun formulaire n'est accepté : le site ne recueille aucune donnée",
    "textarea": "aucun formulaire n'est accepté : le site ne recueille aucune donnée",
    "select": "aucun formulaire n'est accepté : le site ne recueille aucune donnée",
    "h1": "le titre principal de la page vient du champ Title : commencez vos sous-titres par « ## »",
    "div": LAYOUT,
    "span": LAYOUT,
    "font": LAYOUT,
    "center": LAYOUT,
    "u": LAYOUT,
    "pre": LAYOUT,
    "code": LAYOUT,
}
ATTRIBUTE_HINTS = {
    "style": LAYOUT,
    "class": "les attributs ajoutés avec « {: … } » ou dans une balise ne sont pas acceptés : " + LAYOUT,
    "id": "les attributs ajoutés avec « {: … } » ou dans une balise ne sont pas acceptés",
    "srcset": "une image se copie dans content/images/ et s'insère avec ![description](…)",
}
ALT_HINT = (
    "une image doit être décrite pour les personnes qui ne la voient pas : "
    "écrivez la description entre les crochets, ![un café en terrasse](…)"
)


def _url_hint(tag: str, attribute: str, value: str) -> str:
    if tag == "img":
        return "une image doit venir du site lui-même : copiez-la dans content/images/ et écrivez ![description]({static}/images/nom.jpg)"
    if value.lstrip().lower().startswith("http:"):
        return "écrivez l'adresse en « https:// » (les adresses « http:// » ne sont pas sûres)"
    if value.lstrip().startswith("{"):
        return "pour viser un fichier du site, écrivez {filename}/chemin/du/fichier.md ou {static}/images/nom.jpg"
    return "un lien commence par https://, mailto: ou tel:, ou vise une page du site"


@dataclass(frozen=True)
class Refusal:
    """One thing the sanitizer would remove, said in French, and a text to find its line."""

    what: str
    hint: str
    needle: str

    def describe(self) -> str:
        return f"{self.what} : {self.hint}."


def _tokens(html: str) -> list[tuple]:
    """The parsed tree as a flat list: ("<", tag, attributes), ("text", …), (">", tag)."""
    tree = LexborHTMLParser(html)
    tokens: list[tuple] = []

    def walk(node):
        child = node.child
        while child is not None:
            if child.tag == "-text":
                text = child.text_content or ""
                if tokens and tokens[-1][0] == "text":
                    tokens[-1] = ("text", tokens[-1][1] + text)
                elif text:
                    tokens.append(("text", text))
            elif not child.tag.startswith(("-comment", "!")):
                attributes = tuple(sorted((k, v or "") for k, v in child.attributes.items()))
                tokens.append(("<", child.tag, attributes))
                walk(child)
                tokens.append((">", child.tag))
            child = child.next

    for part in (tree.head, tree.body):
        if part is not None:
            walk(part)
    return tokens


def _explain(removed: list[tuple], kept: list[tuple]) -> list[Refusal]:
    """Name each tag, attribute or text the sanitizer dropped."""
    refusals = []
    kept_tags = [token for token in kept if token[0] == "<"]
    for token in removed:
        if token[0] == "<":
            tag, attributes = token[1], dict(token[2])
            same = next((k for k in kept_tags if k[1] == tag), None)
            if same is None:
                hint = TAG_HINTS.get(tag, LAYOUT)
                refusals.append(Refusal(f"la balise <{tag}> n'est pas acceptée", hint, f"<{tag}"))
                continue
            kept_tags.remove(same)
            for name, value in attributes.items():
                if dict(same[2]).get(name) == value:
                    continue
                if name in ("href", "src") and name in attributes:
                    refusals.append(
                        Refusal(
                            f"l'adresse « {value.strip()[:80]} » de <{tag}> n'est pas acceptée",
                            _url_hint(tag, name, value),
                            value.strip()[:40],
                        )
                    )
                elif name.startswith("on"):
                    refusals.append(Refusal(f"l'attribut « {name} » de <{tag}> n'est pas accepté", SCRIPT, name))
                else:
                    hint = ATTRIBUTE_HINTS.get(name, "retirez-le : " + LAYOUT)
                    refusals.append(Refusal(f"l'attribut « {name} » de <{tag}> n'est pas accepté", hint, name))
        elif token[0] == "text" and token[1].strip() and not any(t[0] == "<" for t in removed):
            refusals.append(
                Refusal(
                    f"le texte « {token[1].strip()[:60]} » serait retiré",
                    "il est dans une balise qui n'est pas acceptée",
                    token[1].strip()[:40],
                )
            )
    return refusals


def check_html(html: str) -> tuple[str, list[Refusal]]:
    """The sanitized HTML, and what the sanitizer removed from ``html`` (empty when nothing)."""
    cleaned = clean(html)
    if cleaned == html and "<img" not in cleaned:
        return cleaned, []  # nothing removed, no image to describe: most fragments, no need to compare them
    before, after = _tokens(html), _tokens(cleaned)
    refusals: list[Refusal] = []
    if before != after:
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for operation, a1, a2, b1, b2 in matcher.get_opcodes():
            if operation in ("delete", "replace"):
                refusals += _explain(before[a1:a2], after[b1:b2])
    # An image must say what it shows: alt is required, not only allowed.
    for token in after:
        if token[0] == "<" and token[1] == "img" and not dict(token[2]).get("alt", "").strip():
            refusals.append(Refusal("une image sans description n'est pas acceptée", ALT_HINT, "!["))
    unique = list(dict.fromkeys(refusals))
    return cleaned, unique


def has_markup(text: str) -> bool:
    """True when a plain-text field holds an HTML tag or comment (it would be shown as code)."""
    if "<" not in text:
        return False  # neither a tag nor a comment: the parser is not needed (most fields)
    return any(token[0] != "text" for token in _tokens(text)) or "<!--" in text
