"""Gunicorn settings for `make serve` and production: threaded workers, one per core, logs to the console."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Reports and exports of a whole province can take a minute; a worker is killed only after this long.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "180"))
graceful_timeout = 30
# Longer than an officer's pause between two clicks (the load test reads 5-15 s): a browser reusing a
# connection the server closed at that moment gets a reset (one «household page» error at 5 s, 100 officers).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "20"))
backlog = 2048
max_requests = 2000  # recycle workers now and then so a slow leak never grows
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
control_socket_disable = True  # no control socket under ~/.gunicorn: one less thing to secure
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
