"""Shared fixtures. Tests that read ../shared/ skip outside CI and fail inside it (CI=true)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.extract.knowledge import Knowledge, build_knowledge, load_dictionary
from pipeline.lexicons import load_lexicons

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must have ../shared beside the project")
        pytest.skip(f"{path} not present (outside CI)")
    return path


@pytest.fixture(scope="session")
def lex():
    return load_lexicons()


@pytest.fixture(scope="session")
def know(lex) -> Knowledge:
    """Knowledge with a handful of organisations, as the gazetteer would learn them."""
    return build_knowledge(lex, {"云和恩墨", "海量数据", "华为", "虚谷伟业", "东方通", "中国移动"}, load_dictionary())


@pytest.fixture(scope="session")
def corpus() -> Path:
    return shared_path("corpus")


@pytest.fixture(scope="session")
def gold_dev() -> Path:
    return shared_path("gold", "dev")


@pytest.fixture(scope="session")
def scorer() -> Path:
    return shared_path("tools", "score_extraction.py")
