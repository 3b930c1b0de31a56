/**
 * Python web applications in the policy model: Django with django-cors-headers, and on the same tree-sitter
 * parser and static evaluator, Flask with flask-cors and FastAPI/Starlette {@code CORSMiddleware}.
 *
 * <p>Flask and FastAPI live in sub-packages of this one ({@code flask}, {@code starlette}) rather than in
 * ecosystems of their own: the rule catalog's {@code ecosystems:} lists, the fixture conformance test and the
 * {@link dev.corslint.model.Ecosystem} enum know one Python ecosystem, {@code django}, so their fixtures sit
 * under {@code test-fixtures/django/} and count towards its coverage, and one extractor parses each Python
 * file once for all three. {@code python} holds what they share: the parse ({@link
 * dev.corslint.ecosystems.django.python.PythonModule}), module resolution inside the scan ({@link
 * dev.corslint.ecosystems.django.python.PythonProgram}) and the evaluation of settings without running them
 * ({@link dev.corslint.ecosystems.django.python.Evaluator}).
 */
package dev.corslint.ecosystems.django;
