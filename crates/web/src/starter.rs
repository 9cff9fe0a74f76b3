//! The program the editor starts with, per task and language: a complete command that
//! reads its arguments and standard input, writes standard output and exits with a code,
//! so a newcomer changes what it computes rather than how it talks to the sandbox.
//! (It copies stdin to stdout, which no task accepts: replacing that is the exercise.)

use replica_judge::runtimes::Language;

/// What a starter needs to know of its task.
#[derive(Debug, Clone, Copy)]
pub struct TaskInfo<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// `argv[0]`, the program's name.
    pub program: &'a str,
    /// Whether the task compares the files a run leaves in its tree.
    pub files: bool,
}

/// The starter of `task` in `language`.
pub fn text(language: Language, task: TaskInfo<'_>) -> String {
    let TaskInfo {
        id,
        title,
        program,
        files,
    } = task;
    match language {
        Language::Python => {
            let files = if files {
                "    # Files are in the working directory: open(\"name\", \"rb\").read().\n"
            } else {
                ""
            };
            format!(
                r#""""{title}

A starting point in Python 3.12: read the spec ("{id}"), then make this behave exactly
like the reference. Run it beside the reference with Ctrl-Enter, grade it with
Ctrl-Shift-Enter.
"""
import sys


def main(argv):
    args = argv[1:]  # argv[0] is "{program}"
{files}    data = sys.stdin.buffer.read()  # standard input, as bytes
    sys.stdout.buffer.write(data)  # standard output, as bytes
    if args:
        print(f"{program}: arguments: {{args}}", file=sys.stderr)
    return 0  # the exit code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
"#
            )
        }
        Language::JavaScript => {
            let files = if files {
                "// Files are in the working directory: fs.readFileSync(\"name\").\n"
            } else {
                ""
            };
            format!(
                r#"// {title}
//
// A starting point in JavaScript (QuickJS-NG, with Node's process, fs and Buffer): read
// the spec ("{id}"), then make this behave exactly like the reference. Run it beside the
// reference with Ctrl-Enter, grade it with Ctrl-Shift-Enter.
const fs = require("fs");

const args = process.argv.slice(2); // process.argv[1] is "{program}"
{files}const data = fs.readFileSync(0); // standard input, as a Buffer
process.stdout.write(data); // standard output: strings or bytes
if (args.length > 0) {{
  process.stderr.write(`{program}: arguments: ${{args.join(" ")}}\n`);
}}
process.exitCode = 0; // the exit code
"#
            )
        }
        Language::C => {
            let files = if files {
                "    /* Files are in the working directory: fopen(\"name\", \"rb\"). */\n"
            } else {
                ""
            };
            format!(
                r#"/* {title}

   A starting point in C (clang with wasi-libc, compiled in your browser): read the spec
   ("{id}"), then make this behave exactly like the reference. Run it beside the
   reference with Ctrl-Enter, grade it with Ctrl-Shift-Enter. */
#include <stdio.h>

int main(int argc, char **argv) {{
    /* argv[0] is "{program}"; the arguments follow. */
{files}    char buffer[65536];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {{
        fwrite(buffer, 1, n, stdout); /* standard output */
    }}
    for (int i = 1; i < argc; i++) {{
        fprintf(stderr, "{program}: argument: %s\n", argv[i]);
    }}
    return 0; /* the exit code */
}}
"#
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WC: TaskInfo<'static> = TaskInfo {
        id: "wc",
        title: "wc: count lines, words and bytes",
        program: "wc",
        files: false,
    };

    #[test]
    fn each_language_names_the_task_and_wires_argv_stdin_and_exit() {
        let check = |language, needles: &[&str]| {
            let text = text(language, WC);
            for needle in needles {
                assert!(
                    text.contains(needle),
                    "{language}: no {needle:?} in\n{text}"
                );
            }
            assert!(!text.contains("working directory"), "{text}");
        };
        check(
            Language::Python,
            &[
                "argv[0] is \"wc\"",
                "sys.stdin.buffer.read()",
                "sys.exit(main(sys.argv))",
            ],
        );
        check(
            Language::JavaScript,
            &[
                "process.argv.slice(2)",
                "readFileSync(0)",
                "process.exitCode",
            ],
        );
        check(Language::C, &["int main(int argc", "fread(", "return 0;"]);
    }

    #[test]
    fn tasks_that_compare_files_say_where_they_are() {
        for language in Language::ALL {
            let text = text(language, TaskInfo { files: true, ..WC });
            assert!(text.contains("working directory"), "{text}");
        }
    }

    #[test]
    fn braces_survive_formatting() {
        assert!(text(Language::C, WC).contains("int main(int argc, char **argv) {\n"));
        assert!(text(Language::JavaScript, WC).contains("${args.join(\" \")}"));
        assert!(text(Language::Python, WC).contains("{args}\""));
    }
}
