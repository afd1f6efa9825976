"""What the rules and validate share: the rule base class, the context a rule sees, expression helpers,
template evaluation and the network helpers. Rules and validate import from here, never from each other's
internals (validate runs the rules; the rules do not know validate)."""
