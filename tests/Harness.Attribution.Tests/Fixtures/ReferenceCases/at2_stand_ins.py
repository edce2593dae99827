"""Empty stand-ins for at2.utils and at2.tasks (model loading, NLTK, spaCy), which AT2's trainer and attributor import
but do not use; importing this module before at2.attribution lets the official code import unchanged."""
import sys
import types

for _name, _attributes in {"at2.utils": ["get_job_start_and_end", "infer_num_jobs", "create_registry", "split_text", "get_model_and_tokenizer"],
                           "at2.tasks": ["AttributionTask"]}.items():
    _module = types.ModuleType(_name)
    for _attribute in _attributes:
        setattr(_module, _attribute, type(_attribute, (), {}))
    sys.modules[_name] = _module
