"""Shared test fixtures. `shared_dir` is ../shared beside the repository (seeds, gold,
corpus); tests that need it skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = (REPO.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (seeds, gold) is absent beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def gold_dir(shared_dir: Path) -> Path:
    return shared_dir / "gold"


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests keep screenshots and rendered pages for people to look at."""
    path = REPO / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
