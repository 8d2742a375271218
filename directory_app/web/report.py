"""Residents: report a problem with a listing; it reaches staff and the listing's
owners (by email), and waits for staff in the store."""

from __future__ import annotations

from flask import abort, current_app, render_template, url_for

from directory_app.db import get_session
from directory_app.models import ProblemReport, ReviewState, Service
from directory_app.notices import owners_of, tell
from directory_app.security import limiter
from directory_app.web.forms import PROBLEMS, ReportForm
from directory_app.web.public import bp


@bp.route("/services/<service_id>/report", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def report_problem(service_id: str) -> str | tuple[str, int]:
    """A short form: what is wrong, more detail, an optional email for a reply."""
    session = get_session()
    service = session.get(Service, service_id[:36])
    review = session.get(ReviewState, service_id[:36])
    if service is None or (review is not None and review.withdrawn_at is not None):
        abort(404)
    form = ReportForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("public/report.html", form=form, service=service), status
    report = ProblemReport(
        service_id=service.id,
        kind=form.kind.data,
        details=form.details.data.strip(),
        reporter_email=(form.email.data or "").strip() or None,
    )
    session.add(report)
    session.commit()
    _tell_people(service, report)
    return render_template("public/report_done.html", service=service)


def _tell_people(service: Service, report: ProblemReport) -> None:
    """Email staff and the people who look after the listing's organisation."""
    kind = dict(PROBLEMS).get(report.kind, report.kind)
    link = url_for("public.service_detail", service_id=service.id, _external=True)
    body = (
        f"Someone reported a problem with the listing “{service.name}”.\n\n"
        f"What is wrong: {kind}\n\n{report.details}\n\n"
        f"The listing: {link}\n"
        + (
            f"They asked for a reply at {report.reporter_email}\n"
            if report.reporter_email
            else ""
        )
    )
    # The report is stored for staff whatever happens to the email.
    everyone = [
        current_app.config.get("STAFF_EMAIL"),
        *owners_of(service.organization_id),
    ]
    tell(everyone, f"Problem reported: {service.name}", body, report.reporter_email)
