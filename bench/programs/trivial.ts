// The engine's own floor: `resources` dynamic resources whose provider answers every call at once
// (check passes the inputs through, diff finds no change, read returns what it was given), so a
// preview or refresh of this stack costs only the CLI, the engine, the program and the provider host.
import * as pulumi from "@pulumi/pulumi";

interface TrivialInputs {
  readonly index: number;
}

const trivialProvider: pulumi.dynamic.ResourceProvider<TrivialInputs, TrivialInputs> = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs) {
    return { id: `trivial-${inputs.index}`, outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, index: number) {
    super(trivialProvider, name, { index }, undefined, "bench", "Trivial");
  }
}

const count = new pulumi.Config().requireNumber("resources");
for (let index = 0; index < count; index++) new Trivial(`trivial-${index}`, index);
