"""Import-only stand-in used by the stub packages in this folder (rich, treescope, jaxtyping, matplotlib, tqdm).

Any attribute of a stub module is a permissive placeholder class: it can be subclassed, called, indexed
(e.g. jaxtyping ``Int[torch.Tensor, "..."]``) and used as an annotation. None of it is exercised by the
numerical attribution path; it only lets Inseq's modules import.
"""


class _AnyMeta(type):
    def __getitem__(cls, item):
        return cls

    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Any

    def __call__(cls, *a, **k):
        return type.__call__(cls)

    def __or__(cls, other):
        return cls

    __ror__ = __or__


class _Any(metaclass=_AnyMeta):
    def __init__(self, *a, **k):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Any()

    def __call__(self, *a, **k):
        return _Any()

    def __getitem__(self, item):
        return _Any()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return _Any
