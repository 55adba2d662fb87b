"""Publishing: the site outputs of published articles (settings, the publish targets, one
class each in `targets/`, the renderers they call, the files written through a step's
ChangeSet, and their verification), scheduling, and the takedown manifest."""
