"""The web desk: FastAPI pages and their /api/ twins over the case database."""
