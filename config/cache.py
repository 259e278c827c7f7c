"""Redis as a cache, never as a dependency.

While Redis is down, reads miss and writes are dropped, with a warning in the log: pages are
rendered from the database, throttles let requests through, and a submission is saved and
answered (the broker outage drill, rumors/tests/test_broker_outage.py, submits exactly then).
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _unavailable(operation: str, exc: Exception) -> None:
    logger.warning("Cache unavailable, %s skipped: %s", operation, exc)


class ReusedClientsRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis.Redis object around the shared connection pool for each
    operation, which cost about a tenth of a cached API read here (several cache operations a
    request: throttles, the pages' stamp, the kept answer). One per pool serves them all: a
    redis.Redis is safe to share between threads, and its pool hands each call a connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientsRedisCacheClient

    def count_in_window(self, key: str, seconds: int, start: int) -> int:
        """Raise the counter `key` and return its new value, in one round trip. The first call
        creates it with a lifetime of `seconds`, and `key_start` = `start` beside it for as
        long (what the window's end is computed from); later calls only count. Atomic
        (MULTI/EXEC): concurrent callers each get their own number, and a window that ends
        between two calls cannot leave a counter without its lifetime. Raises RedisError."""
        counter, started = self.make_key(key), self.make_key(f"{key}_start")
        pipe = self._cache.get_client(counter, write=True).pipeline(transaction=True)
        pipe.set(counter, 0, ex=seconds, nx=True)
        pipe.set(started, int(start), ex=seconds, nx=True)
        pipe.incr(counter)
        return pipe.execute()[-1]

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            _unavailable("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as exc:
            _unavailable("get_many", exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as exc:
            _unavailable("has_key", exc)
            return False

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as exc:
            _unavailable("add", exc)
            return False

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as exc:
            _unavailable("set", exc)

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as exc:
            _unavailable("set_many", exc)
            return list(data)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as exc:
            _unavailable("delete", exc)
            return False

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError as exc:
            _unavailable("delete_many", exc)
