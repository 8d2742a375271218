"""Staff: listings due for review or stale, links that fail, problems the public
reported, and listings that may be one service. Every list downloads as CSV."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from directory_app import duplicates
from directory_app.db import get_session
from directory_app.matching import AUTO_MERGE
from directory_app.models import DuplicateCandidate, ProblemReport, utcnow
from directory_app.web.admin import bp
from directory_app.web.admin_queries import (
    link_problems,
    open_problems,
    review_rows,
)
from directory_app.web.csv_export import csv_response, csv_url, wants_csv
from directory_app.web.forms import PROBLEMS, ConfirmForm

PROBLEM_KINDS = dict(PROBLEMS)
DECISIONS = {"resolve": "resolved", "dismiss": "dismissed"}
LINK_STATUS = {
    "broken": "Broken",
    "failing": "Failing (not yet called broken)",
    "refused": "Not checked (a private or local address)",
}
REVIEW_COLUMNS = [
    ("Listing", lambda r: r.service.name),
    ("Organisation", lambda r: r.organization),
    ("Last verified", lambda r: r.review.last_verified_at),
    ("Verified by", lambda r: r.review.verified_by),
    ("Due", lambda r: r.review.next_review_due),
    ("Reminders sent", lambda r: r.review.reminders_sent),
    ("Escalated", lambda r: r.review.escalated_at),
    ("Stale since", lambda r: r.review.stale_since),
    ("Listing id", lambda r: r.service.id),
]
LINK_COLUMNS = [
    ("Listing", lambda r: r[1].name),
    ("Which link", lambda r: r[0].field),
    ("Address", lambda r: r[0].url),
    ("Status", lambda r: r[0].status),
    ("HTTP status", lambda r: r[0].http_status),
    ("Error", lambda r: r[0].error),
    ("Failures in a row", lambda r: r[0].failures),
    ("First failed", lambda r: r[0].first_failed_at),
    ("Last checked", lambda r: r[0].checked_at),
    ("Listing id", lambda r: r[1].id),
]
PROBLEM_COLUMNS = [
    ("Listing", lambda r: r[1].name),
    ("What is wrong", lambda r: PROBLEM_KINDS.get(r[0].kind, r[0].kind)),
    ("Details", lambda r: r[0].details),
    ("Reporter email", lambda r: r[0].reporter_email),
    ("Reported", lambda r: r[0].created_at),
    ("Listing id", lambda r: r[1].id),
]
DUPLICATE_COLUMNS = [
    ("Newer listing", lambda r: r[1]),
    ("Older listing", lambda r: r[2]),
    ("Score", lambda r: r[0].score),
    ("Evidence", lambda r: evidence_text(r[0].evidence)),
    ("Found", lambda r: r[0].created_at),
    ("Newer listing id", lambda r: r[0].service_id),
    ("Older listing id", lambda r: r[0].other_id),
]


@bp.context_processor
def console_helpers() -> dict[str, Any]:
    """What every console page may use: the CSV link, labels."""
    return {"csv_url": csv_url, "link_status": LINK_STATUS}


def evidence_text(evidence: dict[str, Any]) -> str:
    """A pair's evidence in one line: "postcode: DN5 0AA; name similarity: 0.8"."""
    return "; ".join(
        f"{key.replace('_', ' ')}: "
        f"{', '.join(map(str, value)) if isinstance(value, list) else value}"
        for key, value in evidence.items()
    )


@bp.get("/reviews")
def reviews() -> str | Response:
    """Listings due for review (``show=due``) or gone stale (``show=stale``)."""
    show = "stale" if request.args.get("show") == "stale" else "due"
    rows = review_rows(get_session(), show, utcnow().date())
    if wants_csv():
        return csv_response(f"reviews-{show}.csv", REVIEW_COLUMNS, rows)
    return render_template("admin/reviews.html", rows=rows, show=show)


@bp.get("/links")
def links() -> str | Response:
    """Links on listings that are broken, failing or could not be checked."""
    rows = link_problems(get_session())
    if wants_csv():
        return csv_response("links.csv", LINK_COLUMNS, rows)
    return render_template("admin/links.html", rows=rows)


@bp.get("/problems")
def problems() -> str | Response:
    """Problems the public reported, waiting for staff."""
    rows = open_problems(get_session())
    if wants_csv():
        return csv_response("problems.csv", PROBLEM_COLUMNS, rows)
    return render_template("admin/problems.html", rows=rows, kinds=PROBLEM_KINDS)


@bp.post("/problems/<int:report_id>/<decision>")
def decide_problem(report_id: int, decision: str) -> Response:
    """Mark a report resolved (put right) or dismissed, recording who and when."""
    session = get_session()
    report = session.get(ProblemReport, report_id)
    if report is None or decision not in DECISIONS:
        abort(404)
    if report.status != "open" or not ConfirmForm().validate_on_submit():
        flash("That report has been dealt with already.")
        return redirect(url_for(".problems"))
    report.status = DECISIONS[decision]
    report.resolved_by, report.resolved_at = current_user.email, utcnow()
    session.add(report)
    session.commit()
    flash(f"Report {report.id} marked as {report.status}.")
    return redirect(url_for(".problems"))


@bp.get("/duplicates")
def duplicate_pairs() -> str | Response:
    """Pairs of listings that may be one service, most likely first."""
    rows = duplicates.open_candidates(get_session())
    if wants_csv():
        return csv_response("duplicates.csv", DUPLICATE_COLUMNS, rows)
    return render_template(
        "admin/duplicates.html",
        rows=rows,
        evidence_text=evidence_text,
        auto_merge=AUTO_MERGE,
    )


@bp.post("/duplicates/<int:pair_id>/<decision>")
def decide_duplicate(pair_id: int, decision: str) -> Response:
    """Merge a pair into the older listing, or keep both as different services."""
    decide = {"merge": duplicates.merge, "dismiss": duplicates.dismiss}.get(decision)
    session = get_session()
    if decide is None or session.get(DuplicateCandidate, pair_id) is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            pair = decide(session, pair_id, current_user.email)
        except duplicates.DuplicateError:
            session.rollback()
            flash("That pair has been decided already.")
        else:
            session.commit()
            flash(
                "Merged: the newer listing now feeds the older one."
                if pair.status == "merged"
                else "Kept both: they will not be suggested as one again."
            )
    return redirect(url_for(".duplicate_pairs"))
