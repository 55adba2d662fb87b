"""Publishing: the site outputs of published articles (settings, renderers, the files written
through a step's ChangeSet, and their verification), scheduling, and the takedown manifest."""
