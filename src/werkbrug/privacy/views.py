from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from werkbrug.learners.queries import learners_for
from werkbrug.privacy.queries import file_reads_for


@login_required
def file_reads(request: HttpRequest, learner_pk: int) -> HttpResponse:
    """Who opened this learner's file, and when."""
    learner = get_object_or_404(learners_for(request.user), pk=learner_pk)
    if not request.user.has_perm("learners.view_file_reads", learner):
        raise Http404
    reads = file_reads_for(request.user, learner)[:500]
    return render(request, "privacy/file_reads.html", {"learner": learner, "reads": reads})
