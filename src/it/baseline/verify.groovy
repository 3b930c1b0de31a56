// Both builds passed (invoker checks that): the first wrote the baseline, the second found nothing new in it.
// Needs the nginx reader: it finds origin reflection with credentials in deploy/nginx/api.conf.
import groovy.json.JsonSlurper

// A failed check names what is wrong instead of dumping the whole log.
def check(ok, String what) { if (!ok) throw new AssertionError(what) }

def baseline = new File(basedir, 'corslint-baseline.sarif')
check(baseline.exists(), 'the first build wrote no baseline')
def known = new JsonSlurper().parse(baseline).runs[0].results
check(known.any { it.ruleId == 'origin-reflection' }, "the baseline misses the finding: ${known*.ruleId}")

def log = new File(basedir, 'build.log').text
check(log =~ /corslint: No CORS problems found in \d+ files? \(\d+ known from the baseline\)\./,
    'the second build did not set the known findings aside')

def run = new JsonSlurper().parse(new File(basedir, 'target/corslint.sarif')).runs[0]
check(run.results.size() == known.size(), "the SARIF has ${run.results.size()} results, the baseline ${known.size()}")
check(run.results.every { it.baselineState == 'unchanged' }, "not all unchanged: ${run.results*.baselineState}")
return true
