"""The no-result searches are read through their partial index (PostgreSQL): the selector's
filter must keep matching the index's condition, or every search of the period is read."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analytics.forms import default_filters
from analytics.selectors.searches import searches_without_results
from core import events
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans only"),
]

INDEX = "event_search_no_results"


def plans(filters) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        searches_without_results(filters)
    found = []
    with connection.cursor() as cursor:
        # Tiny test tables are cheaper to scan whole: ask which index the filter can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in captured.captured_queries:
            cursor.execute(f"EXPLAIN {query['sql']}")
            found.append("\n".join(row[0] for row in cursor.fetchall()))
    return found


def test_the_partial_index_exists_with_the_selectors_condition():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
    assert "WHERE" in definition
    assert "'search.performed'" in definition
    assert "'results'" in definition


@pytest.mark.parametrize("narrowed", ["none", "department", "office"])
def test_every_query_of_the_selector_reads_the_partial_index(
    django_capture_on_commit_callbacks, narrowed
):
    finance, jakarta = DepartmentFactory(name="Finance"), OfficeFactory(name="Jakarta")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            person = UserFactory(username=f"s{n}", department=finance, office=jakarta)
            events.publish("search.performed", actor=person, payload={"query": "vpn", "results": 0})
            events.publish(
                "search.performed", actor=person, payload={"query": "cuti", "results": 2}
            )
    filters = default_filters()
    if narrowed == "department":
        filters = replace(filters, department=finance)
    elif narrowed == "office":
        filters = replace(filters, office=jakarta)
    found = plans(filters)
    assert len(found) == 2
    for plan in found:
        assert INDEX in plan, plan
