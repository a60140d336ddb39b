from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_noop

from werkbrug.learners.queries import learners_for
from werkbrug.privacy.services import file_read_record


@login_required
def learner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A learner's file. Every opening is written to the read log the learner can see."""
    learner = get_object_or_404(learners_for(request.user).prefetch_related("parents"), pk=pk)
    file_read_record(
        reader=request.user,
        learner=learner,
        obj=learner,
        what=gettext_noop("Learner file"),
    )
    context = {
        "learner": learner,
        "may_invite_parent": request.user.has_perm("learners.invite_parent", learner),
        "may_see_reads": request.user.has_perm("learners.view_file_reads", learner),
    }
    return render(request, "learners/learner_detail.html", context)
