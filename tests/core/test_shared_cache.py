"""The cache is shared by every server process: what one process counts, another sees (ADR 1505)."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_default_cache_is_shared_not_per_process():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in {
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    }


def test_with_redis_url_the_cache_is_redis_and_counts_there():
    """REDIS_URL (Redis at 127.0.0.1:6379 here and in CI) is what a province with several servers sets."""
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    from django.core.cache.backends.redis import RedisCache

    first = RedisCache(url, {"KEY_PREFIX": "giamngheo-test"})
    second = RedisCache(url, {"KEY_PREFIX": "giamngheo-test"})
    key = f"personal_id_search:{id(first)}"
    first.add(key, 0, 60)
    first.incr(key)
    assert second.incr(key) == 2
    first.delete(key)
