"""L'instant CAFÉ's Pelican plugin. Importing the package stays light: Pelican and the
rest load only when Pelican calls ``register`` (the settings file imports ``urls``)."""


def register():
    from .plugin import register as connect

    connect()
