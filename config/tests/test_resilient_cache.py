"""Redis down: the cache misses and drops writes instead of failing the request."""

import pytest

from config.cache import ResilientRedisCache
from config.testsupport import free_port


def test_a_cache_whose_redis_is_down_misses_and_drops_writes(caplog):
    cache = ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})  # nobody listens
    assert cache.get("stamp", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("stamp") is False
    assert cache.add("stamp", "x") is False
    cache.set("stamp", "x")
    assert cache.set_many({"a": 1}) == ["a"]
    assert cache.delete("stamp") is False
    cache.delete_many(["a"])
    assert "Cache unavailable, get skipped" in caplog.text


@pytest.mark.redis
def test_one_redis_client_serves_every_operation(settings):
    cache = ResilientRedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-clients"})
    first = cache._cache.get_client("a")
    cache.set("a", 1)
    assert cache.get("a") == 1 and cache.incr("a") == 2
    assert cache._cache.get_client("b", write=True) is first
    cache.delete("a")


@pytest.mark.redis
def test_a_window_counter_counts_and_keeps_its_start_for_the_window(settings):
    cache = ResilientRedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-window"})
    cache.delete_many(["client", "client_start"])
    assert [cache.count_in_window("client", 60, 1000 + n) for n in range(3)] == [1, 2, 3]
    assert cache.get("client") == 3 and cache.get("client_start") == 1000
    client = cache._cache.get_client("client")
    assert 0 < client.ttl(cache.make_key("client")) <= 60
    assert 0 < client.ttl(cache.make_key("client_start")) <= 60
    cache.delete_many(["client", "client_start"])
