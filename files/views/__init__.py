"""The file share's pages: ``browse`` (index, libraries and folders, the trash), ``folders``
(make, rename, move, delete, restore), ``uploads`` (files and new versions, with progress),
``detail`` (a file's page and its actions), ``serve`` (downloads and previews) and
``preview`` (what a file's page shows of its content)."""
