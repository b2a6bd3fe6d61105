"""Celery tasks: thin, idempotent, they take ids and call services."""

from celery import shared_task

from apps.archiving import services


@shared_task(name="archiving.capture", acks_late=True, reject_on_worker_lost=True)
def capture_job_task(job_id: int) -> str:
    return services.capture_job_run(job_id=job_id)


@shared_task(name="archiving.sweep")
def sweep_task() -> int:
    return services.capture_sweep()


@shared_task(name="archiving.recheck")
def recheck_task() -> int:
    return services.recheck_schedule()
