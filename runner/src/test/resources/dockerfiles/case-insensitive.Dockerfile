arg VERSION=3.12
from python:${VERSION}-slim as Builder
run pip wheel -w /wheels .
From python:${VERSION}-slim As Final
copy --FROM=builder /wheels /wheels
Copy --from=BUILDER /x /y
