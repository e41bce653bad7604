"""The demo company PT Kolega Nusantara, for ``manage.py seed_demo``, demos and scale tests."""
