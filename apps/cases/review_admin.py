"""The review steps on the incident page: a button for each step the user may take, a
confirmation page (what publishing would be refused for, a note, an override reason,
a withdrawal's reason), and the steps taken so far."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from apps.cases.models import Incident, PublicationStatus
from apps.cases.selectors import incident_last_editor_id, incident_publish_problems
from apps.cases.services import (
    TRANSITIONS,
    PublishChecksFailed,
    incident_transition,
    incident_transitions_for,
)
from apps.core.admin import AdminExtension
from apps.core.permissions import may


def review_steps_table(incident: Incident):
    """The steps taken so far, oldest first: when, from, to, by whom, note, override."""
    if incident.pk is None:
        return "—"
    steps = incident.publication_steps.select_related("by").order_by("at", "pk")
    if not steps:
        return "No step yet: a draft."
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                f"{step.at:%Y-%m-%d %H:%M} UTC",
                step.get_from_status_display() or "created",
                step.get_to_status_display(),
                step.by.get_full_name() or step.by.get_username(),
                step.note or "—",
                format_html(
                    "{}<br><span class='ct-quiet'>despite: {}</span>",
                    step.override_reason,
                    "; ".join(step.overridden_checks),
                )
                if step.override_reason
                else "—",
            )
            for step in steps
        ),
    )
    return format_html(
        '<table class="ct-review-steps"><thead><tr><th>when</th><th>step</th><th>by</th>'
        "<th>note or reason</th><th>override</th></tr></thead><tbody>{}</tbody></table>",
        rows,
    )


class ReviewOnIncidentPage(AdminExtension):
    """Buttons for the review steps beside 'History', each to a confirmation page."""

    def get_urls(self, model_admin) -> list:
        def step(request, object_id, name):
            return self.step_view(request, object_id, name, model_admin=model_admin)

        wrapped = model_admin.admin_site.admin_view(require_POST(step))
        return [path("<path:object_id>/review/<str:name>/", wrapped, name="cases_incident_review")]

    def object_tools(self, model_admin, request, obj) -> list[tuple[str, str]]:
        return [
            (t.label, reverse("admin:cases_incident_review", args=[obj.pk, t.name]))
            for t in incident_transitions_for(incident=obj, user=request.user)
        ]

    def step_view(self, request, object_id, name, *, model_admin):
        """First POST (the button): the confirmation page. Second POST (confirm): the
        step, or the page again with why it was refused."""
        transition = TRANSITIONS.get(name)
        incident = model_admin.get_object(request, unquote(object_id))
        if incident is None or transition is None:
            raise Http404("No such incident or review step.")
        if not may(request.user, transition.permission, Incident):
            raise PermissionDenied
        page = reverse("admin:cases_incident_change", args=[incident.pk])
        errors: list[str] = []
        if "confirm" in request.POST:
            try:
                incident_transition(
                    incident=incident,
                    user=request.user,
                    name=name,
                    note=request.POST.get("note", ""),
                    override_reason=request.POST.get("override_reason", ""),
                )
            except PublishChecksFailed:
                errors.append(
                    "Publishing is refused while the checks below fail: fix them, or give a "
                    "reason to publish anyway."
                )
            except (ValidationError, PermissionDenied) as error:
                errors.extend(getattr(error, "messages", None) or [str(error)])
            else:
                status = PublicationStatus(incident.status).label.lower()
                model_admin.message_user(
                    request, f"“{incident.title}” is now {status}.", messages.SUCCESS
                )
                return HttpResponseRedirect(page)
        publishing = transition.target == PublicationStatus.PUBLISHED
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": f"{transition.label}: {incident.title}",
            "incident": incident,
            "transition": transition,
            "status": PublicationStatus(incident.status).label,
            "checks": incident_publish_problems(incident) if publishing else [],
            "last_editor": publishing
            and settings.CHILDTRACE_FOUR_EYES
            and incident_last_editor_id(incident) == request.user.pk,
            "reason_required": transition.target == PublicationStatus.WITHDRAWN,
            "errors": errors,
            "note": request.POST.get("note", ""),
            "override_reason": request.POST.get("override_reason", ""),
            "page": page,
        }
        return TemplateResponse(request, "admin/cases/incident/review_step.html", context)
