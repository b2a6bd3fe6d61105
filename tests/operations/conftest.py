from tests.archiving.conftest import site  # noqa: F401 (the local web site fixture)
