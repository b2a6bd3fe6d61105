"""`python -m tests.support.guarded_celery worker ...`: a Celery worker for the tests,
under the same loopback-only socket guard as the test process."""

from tests.support import netguard

netguard.install()

if __name__ == "__main__":
    from celery.__main__ import main

    main()
