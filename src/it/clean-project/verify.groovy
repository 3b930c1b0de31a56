// The build passed (invoker checks that); here: what the goal printed and wrote.
import groovy.json.JsonSlurper

// A failed check names what is wrong instead of dumping the whole log.
def check(ok, String what) { if (!ok) throw new AssertionError(what) }

def log = new File(basedir, 'build.log').text
check(log.contains('corslint: No CORS problems found in'), 'no summary in the build log')
check(!log.contains('[ERROR]'), 'errors in the build log of a clean project')
// Maven 3.8 names the plugin by its artifactId here, 3.9 by its prefix.
check(log =~ /corslint(-maven-plugin)?:[^:\s]+:check \(default-cli\) @ clean-project/, 'mvn corslint:check (by prefix) did not run')

def run = new JsonSlurper().parse(new File(basedir, 'target/corslint.sarif')).runs[0]
check(run.tool.driver.name == 'corslint', "tool.driver.name is ${run.tool.driver.name}")
check(run.tool.driver.rules.size() >= 20, 'the SARIF does not describe the rules')
check(run.results == [], "a clean project has results: ${run.results*.ruleId}")
check(run.automationDetails.id == 'corslint/', "automationDetails.id is ${run.automationDetails.id}")
return true
