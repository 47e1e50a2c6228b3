#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  Argument,
  Command,
  CommanderError,
  Option,
  VERSION,
  addInputOptions
} from "./chunk-7RSNMQKK.js";
import {
  jobResultReport,
  readReportFile,
  writeReportFile
} from "./chunk-VGM7UV5Q.js";
import {
  INPUTS
} from "./chunk-HZ5WA2AJ.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  SlipwayError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/fronts/cli/completion.ts
function flagsOf(command) {
  return [...command.options];
}
function wordList(words2) {
  return words2.join(" ").replace(/["$`\\]/g, "");
}
function completionScript(program2, shell) {
  const visible = new Set(program2.createHelp().visibleCommands(program2));
  const shown = program2.commands.filter((c) => visible.has(c));
  const commands2 = shown.map((c) => c.name());
  const cases = [];
  const choiceCases = [];
  for (const command of shown) {
    const flags = flagsOf(command).map((o) => o.long ?? "").filter(Boolean);
    cases.push(`    ${command.name()}) opts="${wordList([...flags, "--help"])}" ;;`);
    for (const option of flagsOf(command)) {
      if (option.argChoices && option.long) {
        choiceCases.push(
          `      ${command.name()}:${option.long}) COMPREPLY=($(compgen -W "${wordList(option.argChoices)}" -- "$cur")); return ;;`
        );
      }
    }
    if (command.name() === "completion") {
      choiceCases.push(
        `      completion:completion) COMPREPLY=($(compgen -W "bash zsh" -- "$cur")); return ;;`
      );
    }
  }
  const body = [
    "# slipway shell completion",
    "_slipway() {",
    "  local cur prev cmd opts",
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W "${wordList([...commands2, "--help", "--version"])}" -- "$cur"))`,
    "    return",
    "  fi",
    '  cmd="${COMP_WORDS[1]}"',
    '  case "$cmd:$prev" in',
    ...choiceCases,
    "  esac",
    '  case "$cmd" in',
    ...cases,
    '    *) opts="" ;;',
    "  esac",
    '  COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
    "}",
    "complete -o default -F _slipway slipway",
    ""
  ];
  if (shell === "zsh") {
    return ["#compdef slipway", "autoload -U +X bashcompinit && bashcompinit", ...body].join("\n");
  }
  return body.join("\n");
}

// src/fronts/cli/examples.ts
var words = (line) => line.split(" ");
var EXAMPLES = {
  build: [
    {
      title: "Connector + Image + Registry: a Pulsar IO sink NAR pushed to Amazon ECR (AWS default credentials)",
      args: words(
        "build --working-directory connectors/my-sink --artifact target/my-sink-1.0.0.nar --image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-sink --tags 1.0.0"
      )
    },
    {
      title: "Image: an Airbyte connector folder (metadata.yaml) written to an OCI layout, no registry needed",
      args: words("build --working-directory airbyte/source-acme --output oci:out/source-acme")
    },
    {
      title: "Behaviour: a dry run of a Python function that prints the digest and every output as JSON",
      args: words(
        "build --artifact exclamation.py --connector-type pulsar-function --output none --json"
      )
    }
  ],
  rebase: [
    {
      title: "Move an image onto a patched runner and push it under a new tag",
      args: words(
        "rebase --image ghcr.io/acme/my-sink:1.0.0 --base-image streamnative/pulsar-functions-java-runner:4.0.5 --tags 1.0.0-1"
      )
    }
  ],
  inspect: [
    { title: "An image in a registry", args: words("inspect ghcr.io/acme/my-sink:1.0.0") },
    {
      title: "A layout written by build --output oci:DIR, as JSON",
      args: words("inspect oci:out/source-acme --json")
    }
  ],
  verify: [
    {
      title: "Keyless: signed by a GitHub workflow of acme/connectors",
      args: words(
        "verify ghcr.io/acme/my-sink:1.0.0 --certificate-identity-regexp https://github.com/acme/connectors/.+ --certificate-oidc-issuer https://token.actions.githubusercontent.com --trusted-root trusted_root.json"
      )
    },
    {
      title: "Key-based: an air-gapped registry, the public key of SLIPWAY_SIGNING_KEY",
      args: words("verify registry.internal/acme/my-sink:1.0.0 --public-key signing.pub --json")
    }
  ],
  discover: [
    {
      title: "The projects a pull request touches, as JSON",
      args: words("discover --changed-since origin/main --json")
    },
    {
      title: "A GitLab child pipeline with one job per changed project",
      args: words(
        "discover --changed-since origin/main --gitlab-pipeline slipway-child.yml --gitlab-include component:gitlab.example.com/acme/slipway/slipway@1.0.0"
      )
    }
  ]
};
function examplesHelp(command) {
  const lines = ["", "Examples:"];
  for (const e of EXAMPLES[command])
    lines.push(`  # ${e.title}`, `  $ slipway ${e.args.join(" ")}`);
  if (command === "build") {
    lines.push(
      "  # Many projects: every project changed since main, one Maven run per reactor",
      "  $ slipway build --all --changed-since origin/main --image-prefix ghcr.io/acme"
    );
  }
  return `${lines.join("\n")}
`;
}

// src/fronts/cli/main.ts
var commands = () => import("./commands-OIG3YWCB.js");
var ENV_FOOTER = `
Every flag can also be set under its name in slipway.yaml (or .slipway.yaml) in the current
folder, and as SLIPWAY_<NAME> in the environment (SLIPWAY_CONNECTOR_TYPE); flags win over the
environment, the environment over the file. \`slipway config\` shows what a run would use.`;
function outputFlags(command, what) {
  const group = "Output:";
  command.addOption(
    new Option("--json", `print the ${what} as one JSON object on stdout`).helpGroup(group)
  );
  if (what === "outputs") {
    command.addOption(
      new Option(
        "--dotenv <file>",
        "write the outputs as a dotenv file (SLIPWAY_IMAGE=\u2026)"
      ).helpGroup(group)
    );
    command.addOption(
      new Option(
        "--metadata <file>",
        "write the outputs as one JSON object to a file (what --json prints)"
      ).helpGroup(group)
    );
  }
  command.addOption(new Option("--verbose", "print debug lines").helpGroup(group));
  command.addOption(
    new Option("--quiet", "print only warnings and errors (no progress)").helpGroup(group)
  );
  return command;
}
function program() {
  const root = new Command("slipway").description(
    "Package Pulsar IO connectors, Pulsar Functions and Airbyte connectors into container images and push them to any registry, without a Docker daemon."
  ).version(VERSION).exitOverride().showSuggestionAfterError().configureOutput({ writeErr: (s) => process.stderr.write(secrets.redact(s)) });
  const buildCommand = root.command("build").description(
    "Build the connector, package it into an image and push it (or write an OCI layout)."
  ).exitOverride();
  addInputOptions(buildCommand, "build");
  const many = "Many projects (slipway discover):";
  buildCommand.addOption(
    new Option(
      "--all",
      "build every project of the repository at working-directory (or those changed since changed-since), one Maven run per reactor"
    ).helpGroup(many)
  );
  buildCommand.addOption(
    new Option("--concurrency <n>", "projects packaged at once with --all").default("4").helpGroup(many)
  );
  buildCommand.addOption(
    new Option(
      "--image-prefix <prefix>",
      "with --all: registry path the images go under (overrides slipway.yaml image-prefix)"
    ).helpGroup(many)
  );
  outputFlags(buildCommand, "outputs");
  buildCommand.addOption(new Option("--mode <mode>").choices(INPUTS.mode.choices).hideHelp());
  buildCommand.addHelpText("after", `${examplesHelp("build")}${ENV_FOOTER}`);
  buildCommand.action(
    async (_opts, command) => (await commands()).build(command, "build")
  );
  const rebaseCommand = root.command("rebase").description(
    "Move an image Slipway built onto a new base (e.g. a patched runner): base layers and config are replaced, the connector layer is kept; nothing is rebuilt."
  ).exitOverride();
  addInputOptions(rebaseCommand, "rebase");
  outputFlags(rebaseCommand, "outputs");
  rebaseCommand.addHelpText("after", `${examplesHelp("rebase")}${ENV_FOOTER}`);
  rebaseCommand.action(
    async (_opts, command) => (await commands()).build(command, "rebase")
  );
  const inspectCommand = root.command("inspect").argument("<ref>", "image reference (ghcr.io/acme/my-sink:1.0) or OCI layout (oci:DIR[:TAG])").description(
    "Print an image's platforms, layers, labels, base and what Slipway recorded when it built it."
  ).exitOverride();
  addInputOptions(inspectCommand, "inspect");
  outputFlags(inspectCommand, "report");
  inspectCommand.addHelpText("after", examplesHelp("inspect"));
  inspectCommand.action(
    async (ref, _opts, command) => (await commands()).inspect(ref, command)
  );
  const verifyCommand = root.command("verify").argument("<image>", "image reference, e.g. ghcr.io/acme/my-sink:1.0").description(
    "Verify the Sigstore bundles attached to an image: signer identity and issuer (or public key), transparency log, subject digest; print the provenance."
  ).exitOverride();
  addInputOptions(verifyCommand, "verify");
  outputFlags(verifyCommand, "report");
  verifyCommand.addHelpText("after", examplesHelp("verify"));
  verifyCommand.action(
    async (ref, _opts, command) => (await commands()).verify(ref, command)
  );
  const discoverCommand = root.command("discover").description(
    "List the connector and function projects of a repository (Maven modules, Gradle subprojects, Airbyte folders, functions), all or those changed since a git ref."
  ).exitOverride();
  addInputOptions(discoverCommand, "discover");
  const fanOut = "Fan-out:";
  discoverCommand.addOption(
    new Option(
      "--image-prefix <prefix>",
      "registry path the images go under (overrides slipway.yaml image-prefix)"
    ).helpGroup(fanOut)
  );
  discoverCommand.addOption(
    new Option(
      "--gitlab-pipeline <file>",
      "write a GitLab child pipeline with one job per project and a summary job"
    ).helpGroup(fanOut)
  );
  discoverCommand.addOption(
    new Option(
      "--gitlab-include <how>",
      "how that pipeline includes the component: component:REF, local:PATH or remote:URL"
    ).helpGroup(fanOut)
  );
  outputFlags(discoverCommand, "report");
  discoverCommand.addHelpText("after", examplesHelp("discover"));
  discoverCommand.action(
    async (_opts, command) => (await commands()).discover(command)
  );
  const configCommand = root.command("config").description(
    "Print every input a build here would use, its value and its source (default, slipway.yaml, environment, flag); secrets masked."
  ).exitOverride();
  addInputOptions(configCommand, "build");
  configCommand.addOption(new Option("--json", "print the inputs as JSON").helpGroup("Output:"));
  configCommand.action(
    async (_opts, command) => (await commands()).config(command)
  );
  root.command("job-result", { hidden: true }).requiredOption("--project <name>").requiredOption("--status <status>").option("--outputs <file>", "the job's dotenv report", ".slipway/slipway.env").requiredOption("--dotenv <file>").exitOverride().action((opts) => {
    const outputs = opts.status === "success" ? readReportFile(opts.outputs, "--outputs") : void 0;
    const text = jobResultReport(outputs, opts.project, opts.status);
    writeReportFile(opts.dotenv, text, "--dotenv");
  });
  root.command("completion").description("Print a shell completion script: source <(slipway completion bash)").addArgument(new Argument("<shell>", "bash or zsh").choices(["bash", "zsh"])).exitOverride().action((shell) => {
    process.stdout.write(completionScript(root, shell));
  });
  return root;
}
function versionJson() {
  return `${JSON.stringify({ version: VERSION, node: process.version, platform: `${process.platform}/${process.arch}` })}
`;
}
async function main(argv) {
  try {
    const cli = program();
    if (argv.length === 0) {
      process.stdout.write(cli.helpInformation());
      return 0;
    }
    if ((argv.includes("--version") || argv.includes("-V")) && argv.includes("--json")) {
      process.stdout.write(versionJson());
      return 0;
    }
    await cli.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof SlipwayError) {
      const where = err.location ? `${err.location.file}${err.location.line ? `:${err.location.line}` : ""}: ` : "";
      process.stderr.write(secrets.redact(`slipway: error: ${where}${err.message}
`));
      return err.exitCode;
    }
    process.stderr.write(secrets.redact(`slipway: error: ${errorMessage(err)}
`));
    if (process.env.SLIPWAY_DEBUG && err instanceof Error && err.stack) {
      process.stderr.write(secrets.redact(`${err.stack}
`));
    }
    return 1;
  }
}
export {
  EXAMPLES,
  main,
  program
};
