"""Every real document of the corpus goes through extraction without a crash: either
tasks or a clean NoTasks refusal (documents that assign nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_file


@pytest.mark.slow
def test_no_document_of_the_corpus_crashes(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpus" / "real-directives").glob("*"))
    if not files:
        pytest.skip("../shared/corpus is absent")
    refused = 0
    for path in files:
        try:
            result = extract_file(path)
        except NoTasks:
            refused += 1
            continue
        for task in result["tasks"]:
            assert task["content"].strip(), path.name
            assert isinstance(task["lead"], list) and isinstance(task["support"], list), path.name
    # Most of the corpus is not directives (encyclopaedia articles, news): refused cleanly.
    assert refused > len(files) // 2
