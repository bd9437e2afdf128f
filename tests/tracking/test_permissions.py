from __future__ import annotations

import datetime as dt

import pytest

from nhiemvu.tracking import permissions as perm
from tests.tracking.conftest import World

D = dt.date
pytestmark = pytest.mark.django_db


def test_visibility_by_role(world) -> None:
    mine = world.task(lead=[world.finance], due=D(2023, 6, 30))
    helping = world.task(lead=[world.police], support=[world.finance], due=D(2023, 6, 30))
    other = world.task(lead=[world.police], due=D(2023, 6, 30))
    draft = world.task(world.plan(status="draft"), lead=[world.finance], due=D(2023, 6, 30))
    elsewhere = World().task(due=D(2023, 6, 30))

    officer = world.user("agency", world.finance)
    assert set(perm.visible_tasks(officer)) == {mine, helping}  # drafts are not shown to agencies
    assert perm.can_view_task(officer, mine) and not perm.can_view_task(officer, other)
    assert perm.can_report(officer, mine) and perm.can_report(officer, helping)
    assert not perm.can_report(officer, other) and not perm.can_report(officer, draft)
    assert not perm.can_review(officer)

    for role in ("office", "leader"):
        user = world.user(role)
        assert set(perm.visible_tasks(user)) == {mine, helping, other, draft}
    assert perm.can_review(world.user("office")) and not perm.can_review(world.user("leader"))
    assert elsewhere in set(perm.visible_tasks(world.user("admin", jurisdiction=False)))

    nobody = world.user("agency")  # an agency account with no unit sees nothing
    assert not perm.visible_tasks(nobody).exists()
    from django.contrib.auth.models import AnonymousUser

    assert not perm.visible_tasks(AnonymousUser()).exists()


def test_removed_assignment_hides_the_task(world) -> None:
    task = world.task(lead=[world.finance], due=D(2023, 6, 30))
    task.assignments.update(removed_on=D(2023, 2, 1))
    officer = world.user("agency", world.finance)
    assert not perm.can_view_task(officer, task)
