"""The case database: SQLAlchemy 2 models, sessions, migrations and search."""
