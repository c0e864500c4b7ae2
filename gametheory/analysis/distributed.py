"""The Dask backend of :func:`~gametheory.analysis.sweep`, for grids that outgrow one machine.

The same chunks that the numpy backend evaluates in process are sent to a Dask
cluster: a local one started for the sweep, or the one at a given scheduler address
(or an existing ``distributed.Client``). Each worker compiles the conditions once
and returns, per chunk, the label keys and boundary flags; the client assembles them
in chunk order, so the result equals the numpy backend's bit for bit.

Dask is an optional extra (``pip install gametheory[dask]``); it is imported only
when this backend is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import ParameterError

__all__ = ["dask_client"]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:  # pragma: no cover - depends on the installation
        raise ParameterError(
            "backend='dask' needs Dask's distributed scheduler: pip install 'gametheory[dask]'"
        ) from None
    return distributed


@contextmanager
def dask_client(scheduler: Any = None, **cluster_options: Any) -> Iterator[Any]:
    """A ``distributed.Client`` for a sweep: the given one, one connected to an
    address, or one on a new local cluster closed on exit.

    Parameters
    ----------
    scheduler
        None (start a ``LocalCluster``), an address such as ``"tcp://host:8786"``, or
        a ``distributed.Client`` (used as it is, and left open).
    **cluster_options
        Passed to ``LocalCluster`` (for instance ``n_workers=2, processes=False``).
    """
    distributed = _distributed()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if scheduler is None:
        options = {"n_workers": 2, "threads_per_worker": 1, "processes": False,
                   "dashboard_address": None}
        options.update(cluster_options)
        with distributed.LocalCluster(**options) as cluster, distributed.Client(cluster) as client:
            yield client
        return
    if not isinstance(scheduler, str):
        raise ParameterError(
            f"scheduler must be None, an address string or a distributed.Client; got {scheduler!r}"
        )
    try:
        client = distributed.Client(scheduler, timeout="10s")
    except OSError as exc:
        raise ParameterError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from None
    with client:
        yield client


def dask_map(fn: Callable[..., Any], args: Sequence[tuple[Any, ...]], scheduler: Any = None) -> list[Any]:
    """Run ``fn(*a)`` for every ``a`` in ``args`` on a Dask cluster; results in order."""
    with dask_client(scheduler) as client:
        # The first argument (the plan or function) is shared: send it once.
        first = args[0][0] if args else None
        shared = first if callable(first) else client.scatter(first, broadcast=True)
        futures = [client.submit(fn, shared, *a[1:], pure=False) for a in args]
        return client.gather(futures)
