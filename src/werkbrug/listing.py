"""Shared helpers for list pages: one page of rows, and the query string to keep while paging."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 25


def page_of(request: HttpRequest, queryset: QuerySet, per_page: int = PER_PAGE) -> Page:
    """The requested page; a page number that is out of range or not a number shows the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, without the page number, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
