//! The headless command line: `train`, `eval`, `inspect`, `export`, `data describe`. Every number the app shows can be
//! reproduced here. Bad arguments or files give a one-line error and exit code 2.

mod data_cmd;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ndarray::Array2;
use serde_json::{Value, json};

use crate::data::{DataSource, DataSpec, Dataset, Target};
use crate::experiment::Experiment;
use crate::nn::{
    Activation, Architecture, ClassificationMetrics, ConfigError, Evaluation, LayerSpec, Loss,
    Network, Optimizer, TrainConfig, Trainer, evaluate,
};

/// Exit code for bad arguments, files or data.
const EXIT_USAGE: u8 = 2;
/// Exit code when training itself failed (divergence).
const EXIT_FAILED: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "perceptron-lab",
    version,
    about = "Watch a neural network learn. Without arguments, opens the desktop app.",
    after_help = "Examples:\n  perceptron-lab train --data builtin:xor --hidden \"4:tanh\" --epochs 300 --json\n  perceptron-lab train --data builtin:spiral --samples 1000 --hidden \"8:tanh,8:tanh\" --save spiral.ron\n  perceptron-lab inspect spiral.ron --input \"0.3,-0.7\" --label 1 --json"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Train a network and print its metrics (optionally save the experiment).
    Train(Box<TrainArgs>),
    /// One forward and backward pass of one sample through a saved model, every number shown.
    Inspect(InspectArgs),
    /// Print a saved experiment as JSON.
    Export(ExportArgs),
    /// Evaluate a saved model on another CSV file (through the model's saved preprocessing).
    Eval(data_cmd::EvalArgs),
    /// Look at a dataset: `data describe FILE` shows how its columns are understood.
    Data(data_cmd::DataArgs),
    /// Time a fixed training workload (median of --repeat runs).
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
struct BenchArgs {
    /// Workload: spiral-tiny or mnist-scale.
    #[arg(long, default_value = "spiral-tiny")]
    workload: String,
    /// Runs to take the median of.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Instead: time the 200×200 decision-boundary grid plus 64×64 maps for every hidden
    /// neuron of a 2-8-8-2 network (what the network view redraws live).
    #[arg(long, conflicts_with = "frame")]
    boundary: bool,
    /// Instead: time building the edge mesh of an 8×64 network view (one frame's drawing).
    #[arg(long)]
    frame: bool,
}

#[derive(Debug, Args)]
struct TrainArgs {
    /// Dataset: builtin:xor|circle|gauss|spiral|moons|linear (generated),
    /// builtin:iris|wine|breast_cancer|digits|titanic|penguins|spambase (bundled), or FILE.csv.
    #[arg(long, default_value = "builtin:xor")]
    data: String,
    #[command(flatten)]
    import: data_cmd::ImportFlags,
    /// Number of samples to generate (XOR without it: the 4-row truth table).
    #[arg(long)]
    samples: Option<usize>,
    /// Standard deviation of the noise added to generated points.
    #[arg(long, default_value_t = 0.0)]
    noise: f32,
    /// Hidden layers as WIDTH:ACTIVATION, comma-separated; "" for none (a single-layer perceptron).
    /// Default: 8:tanh, or a size that suits the bundled dataset.
    #[arg(long)]
    hidden: Option<String>,
    /// Output activation: sigmoid, softmax, linear or step (default: follows the task).
    #[arg(long)]
    output: Option<String>,
    /// Loss: mse, bce or ce (default: bce for sigmoid, ce for softmax, mse otherwise).
    #[arg(long)]
    loss: Option<String>,
    /// Optimizer: sgd, momentum, adam or perceptron (default: adam; perceptron for a step output).
    #[arg(long)]
    optimizer: Option<String>,
    /// Learning rate (default: 0.1 for sgd/momentum, 0.01 for adam, 1 for perceptron).
    #[arg(long)]
    lr: Option<f32>,
    /// L2 weight decay.
    #[arg(long, default_value_t = 0.0)]
    l2: f32,
    /// Samples per update (1 = pure SGD).
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// Epochs to train.
    #[arg(long, default_value_t = 100)]
    epochs: usize,
    /// Seed of the data, split, weights and shuffling.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Fraction of samples held out for testing (default 0.2; 0 for the XOR truth table).
    #[arg(long)]
    test_fraction: Option<f32>,
    /// Continue a saved experiment for --epochs more epochs.
    #[arg(long)]
    resume: Option<PathBuf>,
    /// Save the experiment to this RON file (with --resume and no --save, the resumed file is updated).
    #[arg(long)]
    save: Option<PathBuf>,
    /// Store the samples inside the saved file.
    #[arg(long)]
    embed_data: bool,
    /// Print the final metrics as one JSON object on stdout.
    #[arg(long)]
    json: bool,
    /// No progress lines on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct InspectArgs {
    /// A saved experiment (.ron) or builtin-example:NAME.
    model: PathBuf,
    /// The sample's feature values, comma-separated.
    #[arg(long, allow_hyphen_values = true)]
    input: String,
    /// The true class (name or index) or value; default: the predicted class.
    #[arg(long, allow_hyphen_values = true)]
    label: Option<String>,
    /// Print JSON (otherwise a readable table).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// A saved experiment (.ron).
    model: PathBuf,
    /// Print JSON (the only format for now).
    #[arg(long)]
    json: bool,
}

/// A failure with the exit code it maps to.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    #[expect(
        clippy::needless_pass_by_value,
        reason = "used as map_err(Failure::usage) on owned errors"
    )]
    fn usage(message: impl ToString) -> Self {
        Self {
            code: EXIT_USAGE,
            message: message.to_string(),
        }
    }
}

/// Runs the command line with `args` (without the program name) and returns the exit code.
pub fn main(args: &[String]) -> ExitCode {
    let cli = match Cli::try_parse_from(
        std::iter::once("perceptron-lab".to_owned()).chain(args.iter().cloned()),
    ) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Train(a) => train(&a),
        Command::Inspect(a) => inspect(&a),
        Command::Export(a) => export(&a),
        Command::Eval(a) => data_cmd::eval(&a),
        Command::Data(a) => data_cmd::data(&a),
        Command::Bench(a) => bench(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("perceptron-lab: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Prints one line on stdout; a closed pipe (`| head`) is not an error worth a panic.
fn print_out(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Parses `--hidden "8:tanh,4:relu"`; a width alone means tanh.
pub fn parse_hidden(spec: &str) -> Result<Vec<LayerSpec>, ConfigError> {
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|part| {
            let (width, activation) = part.split_once(':').unwrap_or((part, "tanh"));
            let width = width.trim().parse::<usize>().map_err(|_| {
                ConfigError::invalid(
                    "--hidden",
                    format!("'{part}' is not WIDTH:ACTIVATION (for example 8:tanh)"),
                )
            })?;
            Ok(LayerSpec {
                width,
                activation: activation.parse()?,
            })
        })
        .collect()
}

/// Everything `train` needs, resolved from the arguments and the data.
struct Plan {
    trainer: Trainer,
    spec: DataSpec,
}

fn plan_from_args(a: &TrainArgs) -> Result<Plan, Failure> {
    let mut source =
        DataSource::parse(&a.data, a.samples, a.noise, a.seed).map_err(Failure::usage)?;
    a.import.apply_to(&mut source)?;
    let hidden = a
        .hidden
        .clone()
        .unwrap_or_else(|| source.default_hidden().to_owned());
    let mut spec = DataSpec {
        test_fraction: a
            .test_fraction
            .unwrap_or_else(|| source.default_test_fraction()),
        source,
        split_seed: a.seed,
    };
    let data = spec.load().map_err(Failure::usage)?;
    if let (Some(report), false) = (&data.report, a.quiet) {
        eprintln!("{}: {report}", spec.source);
    }
    // Saved models preprocess new data exactly as the training data was.
    spec.source.set_preprocessing(data.preprocessing.clone());
    let optimizer: Option<Optimizer> = a
        .optimizer
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(Failure::usage)?;
    let output: Option<Activation> = a
        .output
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(Failure::usage)?;
    let output = output.unwrap_or(match (&data.train.target, optimizer) {
        (_, Some(Optimizer::Perceptron)) => Activation::Step,
        (Target::Classes { names, .. }, _) if names.len() == 2 => Activation::Sigmoid,
        (Target::Classes { .. }, _) => Activation::Softmax,
        (Target::Values { .. }, _) => Activation::Identity,
    });
    let optimizer = optimizer.unwrap_or(if output == Activation::Step {
        Optimizer::Perceptron
    } else {
        Optimizer::ADAM
    });
    let loss: Loss = match &a.loss {
        Some(l) => l.parse().map_err(Failure::usage)?,
        None => match output {
            Activation::Sigmoid => Loss::Bce,
            Activation::Softmax => Loss::Ce,
            _ => Loss::Mse,
        },
    };
    let mut layers = parse_hidden(&hidden).map_err(Failure::usage)?;
    layers.push(LayerSpec {
        width: output_width(&data.train, output),
        activation: output,
    });
    let architecture = Architecture {
        inputs: data.train.num_features(),
        layers,
    };
    let network = Network::new(&architecture, a.seed).map_err(Failure::usage)?;
    let config = TrainConfig {
        loss,
        optimizer,
        learning_rate: a.lr.unwrap_or_else(|| optimizer.default_learning_rate()),
        l2: a.l2,
        batch_size: a.batch,
        seed: a.seed,
    };
    config.validate(&network).map_err(Failure::usage)?;
    let trainer = Trainer::new(network, config, data.train, data.test).map_err(Failure::usage)?;
    Ok(Plan { trainer, spec })
}

/// Output neurons for `data`: one per class (one in all for two classes unless softmax), or
/// one per regression target.
pub fn output_width(data: &Dataset, output: Activation) -> usize {
    match &data.target {
        Target::Classes { names, .. } if names.len() == 2 && output != Activation::Softmax => 1,
        Target::Classes { names, .. } | Target::Values { names, .. } => names.len(),
    }
}

fn train(a: &TrainArgs) -> Result<(), Failure> {
    if a.epochs > 1_000_000 {
        return Err(Failure::usage(format!(
            "--epochs {} is more than 1000000",
            a.epochs
        )));
    }
    let (mut trainer, spec, save_to) = if let Some(path) = &a.resume {
        let experiment = load_model(path)?;
        let restored = experiment.restore().map_err(Failure::usage)?;
        let Some(mut trainer) = restored.trainer else {
            return Err(Failure::usage(restored.data_problem.unwrap_or_default()));
        };
        if let Some(lr) = a.lr {
            trainer.set_learning_rate(lr).map_err(Failure::usage)?;
        }
        (
            trainer,
            experiment.data,
            Some(a.save.clone().unwrap_or_else(|| path.clone())),
        )
    } else {
        let plan = plan_from_args(a)?;
        (plan.trainer, plan.spec, a.save.clone())
    };
    let every = a.epochs.div_ceil(50).max(1);
    for i in 0..a.epochs {
        let record = trainer.step_epoch().map_err(|e| Failure {
            code: EXIT_FAILED,
            message: e.to_string(),
        })?;
        if !a.quiet && ((i + 1) % every == 0 || i + 1 == a.epochs) {
            eprintln!("{}", progress_line(&record, trainer.history().len()));
        }
    }
    if let Some(path) = &save_to {
        let mut experiment = Experiment::from_trainer(&trainer, spec, a.embed_data);
        if let Some(old) = a.resume.as_deref().and_then(|p| Experiment::load(p).ok()) {
            experiment.name = old.name;
            experiment.notes = old.notes;
            experiment.notes_ko = old.notes_ko;
        }
        experiment.save(path).map_err(Failure::usage)?;
        if !a.quiet {
            eprintln!("saved {}", path.display());
        }
    }
    let train_eval = trainer.evaluate_train();
    let test_eval = trainer.evaluate_test();
    let classes = trainer.train_data().class_names().map(<[String]>::to_vec);
    let report = json!({
        "epochs": trainer.history().len(),
        "train": metrics_json(&train_eval, classes.as_deref()),
        "test": test_eval.as_ref().map(|e| metrics_json(e, classes.as_deref())),
    });
    if a.json {
        print_out(&report.to_string());
    } else {
        print_summary(&train_eval, test_eval.as_ref());
    }
    Ok(())
}

fn progress_line(record: &crate::nn::EpochRecord, epoch: usize) -> String {
    let pct = |v: Option<f32>| v.map_or_else(|| "—".to_owned(), |v| format!("{:.1}%", v * 100.0));
    let mut line = format!(
        "epoch {epoch:>5}  train loss {:.4} acc {}",
        record.train_loss,
        pct(record.train_accuracy)
    );
    if let Some(test_loss) = record.test_loss {
        let _ = write!(
            line,
            "  test loss {test_loss:.4} acc {}",
            pct(record.test_accuracy)
        );
    }
    line
}

fn print_summary(train: &Evaluation, test: Option<&Evaluation>) {
    let show = |name: &str, e: &Evaluation| {
        let acc = e
            .accuracy()
            .map_or_else(String::new, |a| format!(", accuracy {:.1}%", a * 100.0));
        println!("{name}: loss {:.4}{acc}", e.loss);
    };
    show("train", train);
    if let Some(t) = test {
        show("test", t);
    }
}

/// The metrics object of `train --json` and `eval --json`.
pub fn metrics_json(e: &Evaluation, classes: Option<&[String]>) -> Value {
    match (&e.classification, &e.regression) {
        (Some(m), _) => classification_json(e.loss, m, classes.unwrap_or_default()),
        (None, Some(r)) => {
            json!({"loss": e.loss, "accuracy": Value::Null, "mse": r.mse, "mae": r.mae, "r2": r.r2})
        }
        (None, None) => json!({"loss": e.loss}),
    }
}

fn classification_json(loss: f32, m: &ClassificationMetrics, classes: &[String]) -> Value {
    json!({
        "loss": loss,
        "accuracy": m.accuracy,
        "classes": classes,
        "confusion": m.confusion,
        "precision": m.precision,
        "recall": m.recall,
        "f1": m.f1,
        "macro_precision": m.macro_precision,
        "macro_recall": m.macro_recall,
        "macro_f1": m.macro_f1,
    })
}

fn load_model(path: &Path) -> Result<Experiment, Failure> {
    Experiment::open(&path.to_string_lossy()).map_err(Failure::usage)
}

fn parse_numbers(text: &str, what: &str) -> Result<Vec<f32>, Failure> {
    text.split(',')
        .map(|v| {
            let v = v.trim();
            match v.parse::<f32>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(Failure::usage(format!(
                    "{what}: '{v}' is not a finite number"
                ))),
            }
        })
        .collect()
}

fn inspect(a: &InspectArgs) -> Result<(), Failure> {
    let experiment = load_model(&a.model)?;
    let network = experiment.network();
    let preprocessing = experiment.data.source.preprocessing();
    let input = data_cmd::model_input(preprocessing, &a.input, network.inputs())?;
    if input.len() != network.inputs() {
        return Err(Failure::usage(format!(
            "--input has {} values but the model has {} inputs",
            input.len(),
            network.inputs()
        )));
    }
    let x = Array2::from_shape_vec((1, input.len()), input).map_err(Failure::usage)?;
    let trace = network.forward(x.view());
    let saved_classes = preprocessing
        .and_then(|p| p.class_names())
        .map(<[String]>::to_vec);
    let classes = saved_classes
        .or_else(|| experiment.embedded_classes())
        .or_else(|| {
            experiment
                .data
                .load()
                .ok()
                .and_then(|d| d.train.class_names().map(<[String]>::to_vec))
        });
    let outputs = network.outputs();
    let target: Vec<f32> = match (&classes, &a.label) {
        (Some(names), label) => {
            let class = if let Some(l) = label {
                class_index(l, names)?
            } else {
                let mut p = Vec::new();
                Network::predict_classes(&trace, &mut p);
                p.first().copied().unwrap_or(0)
            };
            one_hot(class, outputs)
        }
        (None, Some(l)) => {
            let v = parse_numbers(l, "--label")?;
            if v.len() != outputs {
                return Err(Failure::usage(format!("--label needs {outputs} values")));
            }
            v
        }
        (None, None) => trace.output().row(0).to_vec(),
    };
    let y = Array2::from_shape_vec((1, outputs), target.clone()).map_err(Failure::usage)?;
    let grads = network.backward(&trace, y.view(), experiment.training.loss);
    let row = |a: &Array2<f32>| a.row(0).to_vec();
    let rows = |a: &Array2<f32>| a.rows().into_iter().map(|r| r.to_vec()).collect::<Vec<_>>();
    let layers: Vec<Value> = network
        .layers
        .iter()
        .zip(&trace.layers)
        .zip(&grads.layers)
        .map(|((layer, t), g)| {
            json!({
                "activation": layer.activation.name(),
                "weights": rows(&layer.weights),
                "biases": layer.biases.to_vec(),
                "z": row(&t.z),
                "a": row(&t.a),
                "delta": row(&g.delta),
                "weight_grads": rows(&g.weights),
                "bias_grads": g.biases.to_vec(),
            })
        })
        .collect();
    let report = json!({
        "input": trace.input.row(0).to_vec(),
        "target": target,
        "loss": grads.loss,
        "layers": layers,
    });
    if a.json {
        print_out(&report.to_string());
    } else {
        println!("input  {:?}", trace.input.row(0).to_vec());
        for (i, l) in report["layers"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            println!(
                "layer {} ({}):",
                i + 1,
                l["activation"].as_str().unwrap_or("?")
            );
            println!("  z     {}", l["z"]);
            println!("  a     {}", l["a"]);
            println!("  delta {}", l["delta"]);
        }
        println!("target {target:?}  loss {}", grads.loss);
    }
    Ok(())
}

fn one_hot(class: usize, outputs: usize) -> Vec<f32> {
    if outputs == 1 {
        vec![class as f32]
    } else {
        (0..outputs)
            .map(|j| if j == class { 1.0 } else { 0.0 })
            .collect()
    }
}

fn class_index(label: &str, names: &[String]) -> Result<usize, Failure> {
    if let Some(i) = names.iter().position(|n| n == label) {
        return Ok(i);
    }
    match label.trim().parse::<usize>() {
        Ok(i) if i < names.len() => Ok(i),
        _ => Err(Failure::usage(format!(
            "--label '{label}' is not a class; the classes are {}",
            names.join(", ")
        ))),
    }
}

fn export(a: &ExportArgs) -> Result<(), Failure> {
    let _ = a.json;
    let experiment = load_model(&a.model)?;
    let value = serde_json::to_value(&experiment).map_err(Failure::usage)?;
    print_out(&value.to_string());
    Ok(())
}

/// Re-evaluates `network` on `data` (shared by `eval` and tests).
pub fn evaluate_json(network: &Network, data: &Dataset, loss: Loss) -> Value {
    metrics_json(&evaluate(network, data, loss), data.class_names())
}

fn bench(a: &BenchArgs) -> Result<(), Failure> {
    if !(1..=100).contains(&a.repeat) {
        return Err(Failure::usage("--repeat must be from 1 to 100"));
    }
    if a.boundary || a.frame {
        let (name, seconds) = if a.boundary {
            (
                "boundary",
                crate::bench::boundary_seconds(a.repeat).map_err(Failure::usage)?,
            )
        } else {
            (
                "frame",
                crate::app::bench_edge_mesh(a.repeat.max(10)).as_secs_f64(),
            )
        };
        let report = json!({"workload": name, "seconds": seconds, "repeat": a.repeat});
        if a.json {
            print_out(&report.to_string());
        } else {
            println!("{name}: {:.3} ms", seconds * 1e3);
        }
        return Ok(());
    }
    let Some(&(_, workload)) = crate::bench::Workload::ALL
        .iter()
        .find(|(n, _)| *n == a.workload)
    else {
        let names: Vec<&str> = crate::bench::Workload::ALL
            .iter()
            .map(|(n, _)| *n)
            .collect();
        return Err(Failure::usage(format!(
            "unknown workload '{}'; use {}",
            a.workload,
            names.join(", ")
        )));
    };
    if !(1..=100).contains(&a.repeat) {
        return Err(Failure::usage("--repeat must be from 1 to 100"));
    }
    let report = crate::bench::run(workload, a.repeat).map_err(|message| Failure {
        code: EXIT_FAILED,
        message,
    })?;
    if a.json {
        print_out(&serde_json::to_string(&report).map_err(Failure::usage)?);
    } else {
        println!(
            "{}: {:.4} s (median of {}), {:.0} samples/s, final loss {:.4}, accuracy {:.1}%, {} thread(s)",
            report.workload,
            report.seconds,
            a.repeat,
            report.samples_per_sec,
            report.final_loss,
            report.accuracy * 100.0,
            report.threads
        );
    }
    Ok(())
}
