// The build passed (invoker checks that) although the configuration is insecure: corslint.skip=true.

// A failed check names what is wrong instead of dumping the whole log.
def check(ok, String what) { if (!ok) throw new AssertionError(what) }

def log = new File(basedir, 'build.log').text
check(log.contains('corslint: skipped (corslint.skip)'), 'the goal did not say it was skipped')
check(!log.contains('[origin-reflection]'), 'a skipped check reported findings')
check(!new File(basedir, 'target/corslint.sarif').exists(), 'a skipped check wrote a report')
return true
