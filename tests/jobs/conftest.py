from tests.reports.conftest import world  # noqa: F401  (the same small tracked plan)
