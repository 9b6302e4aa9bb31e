"""`NamedTuple`, as `typing.NamedTuple` makes it, without importing `typing`.

A re-load of unchanged files and `civicli --version` import no `typing`: its import alone takes
about 3 ms, a sixth of what a re-load adds to start-up. Type checkers see `typing.NamedTuple` itself; at run
time a class written `class Loaded(NamedTuple): ...` is made here the way typing makes it: a
`collections.namedtuple` of the annotated fields (those given a value are its defaults), with
the class's own methods and docstring. tests/test_startup.py checks it against typing's.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from collections import namedtuple

    # what typing refuses to let a class body set, and what it leaves to namedtuple
    _REFUSED = frozenset(
        (
            "__new__",
            "__init__",
            "__slots__",
            "__getnewargs__",
            "_fields",
            "_field_defaults",
            "_make",
            "_replace",
            "_asdict",
            "_source",
        )
    )
    _KEPT = frozenset(("__module__", "__name__", "__annotations__"))

    class _Maker(type):
        def __new__(cls, name, bases, namespace):
            if bases != (_Base,):
                raise TypeError("a NamedTuple class has NamedTuple as its only base")
            fields = list(namespace.get("__annotations__", {}))
            defaults = []
            for field in fields:
                if field in namespace:
                    defaults.append(namespace[field])
                elif defaults:
                    raise TypeError(f"{name}: the field {field} without a default follows one with a default")
            made = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            made.__annotations__ = dict(namespace.get("__annotations__", {}))
            for key, value in namespace.items():
                if key in _REFUSED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _KEPT and key not in fields:
                    setattr(made, key, value)
            return made

    _Base = type.__new__(_Maker, "NamedTuple", (), {})

    def NamedTuple(*_args, **_kwargs):
        """Written as a base class only: `class Loaded(NamedTuple): ...`."""
        raise TypeError("NamedTuple is written as a base class here")

    NamedTuple.__mro_entries__ = lambda bases: (_Base,)
