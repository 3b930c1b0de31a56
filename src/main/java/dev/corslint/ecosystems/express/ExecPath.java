package dev.corslint.ecosystems.express;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One way through a function: the conditions on the request that lead there, the local bindings, and what
 * the code did along the way.
 */
final class ExecPath {

  final List<OriginPredicate> conditions;
  final Map<Decl, JsValue> locals;
  final List<Effect> effects;
  boolean returned;
  boolean thrown;
  boolean broke;
  JsValue returnValue;
  /** Something with possible effects was skipped (a loop, a switch, a call too deep). */
  boolean approximate;

  ExecPath() {
    this(new ArrayList<>(), new HashMap<>(), new ArrayList<>());
  }

  private ExecPath(List<OriginPredicate> conditions, Map<Decl, JsValue> locals, List<Effect> effects) {
    this.conditions = conditions;
    this.locals = locals;
    this.effects = effects;
  }

  ExecPath fork(OriginPredicate extra) {
    ExecPath p = new ExecPath(new ArrayList<>(conditions), new HashMap<>(locals), new ArrayList<>(effects));
    if (extra != null) p.conditions.add(extra);
    p.returned = returned;
    p.thrown = thrown;
    p.broke = broke;
    p.returnValue = returnValue;
    p.approximate = approximate;
    return p;
  }

  boolean done() {
    return returned || thrown || broke;
  }

  OriginPredicate condition() {
    return conditions.isEmpty() ? null : conditions.size() == 1 ? conditions.get(0) : new OriginPredicate.And(List.copyOf(conditions));
  }
}
