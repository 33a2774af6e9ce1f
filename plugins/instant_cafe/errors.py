"""Content errors: typed, in French, addressed to the staff member who can fix them."""


class ContentError(Exception):
    """A mistake in one content file (or setting) that stops the build.

    ``path`` is the file as staff see it (``content/avis/2026-12-28.md``),
    ``field`` the metadata name as they typed it (``Lieu``) or ``None`` for the
    whole file, ``message`` a French sentence that says what is wrong and how to
    fix it.
    """

    def __init__(self, path: str, field: str | None, message: str):
        self.path = path
        self.field = field
        self.message = message
        super().__init__(self.describe())

    def __reduce__(self):
        # Picklable, so that an error raised in the PDF worker reaches the build.
        return (self.__class__, (self.path, self.field, self.message))

    def describe(self) -> str:
        where = self.path if self.field is None else f"{self.path}, champ « {self.field} »"
        return f"{where} : {self.message}"


class ContentErrors(Exception):
    """Several content errors found in one pass, reported together."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.describe())

    def describe(self) -> str:
        return report([error.describe() for error in self.errors])


class MissingSoftware(Exception):
    """A program or library the build machine lacks: not a content error, and not staff's to fix."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)

    def __reduce__(self):
        # Picklable, so that the PDF worker's error reaches the build.
        return (self.__class__, (self.message,))


def report(problems: list[str], held: list[str] = ()) -> str:
    """Problems found in one build, said once, with what it means for the published site."""
    count = len(problems)
    heading = (
        "Une erreur dans le contenu empêche la publication :"
        if count == 1
        else f"{count} erreurs dans le contenu empêchent la publication :"
    )
    if held:
        heading = "Une erreur retient un bon plan :" if count == 1 else f"{count} erreurs retiennent des bons plans :"
    lines = [heading] + [f"  - {problem}" for problem in problems]
    if held:
        lines.append(
            "Le reste du site a été publié, avis et séances compris ; seuls ces bons plans attendent d'être corrigés : "
            f"{', '.join(held)}. Corrigez-les : ils paraîtront à la publication suivante."
        )
    else:
        lines.append(
            "Rien n'a été publié : le site en ligne reste tel qu'il était. Corrigez le fichier indiqué puis relancez la publication."
        )
    return "\n".join(lines)


def raise_all(errors: list[ContentError]) -> None:
    """Raise the errors found, if any, as one exception."""
    if errors:
        raise ContentErrors(errors)
