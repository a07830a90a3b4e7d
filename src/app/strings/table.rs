//! The table of every text the app shows: one line per string. Its words are in
//! `assets/i18n/{en,ko}/*.ftl` (message id = the name with `_` → `-`).

use fluent_bundle::{FluentArgs, FluentValue};

use super::bundle::{Bundle, message_id};

string_table! {
    texts {
        app_name,
        /// The language's own name, for View ▸ Language.
        language_name,
        menu_file,
        menu_view,
        menu_help,
        new,
        open,
        open_example,
        recent,
        save,
        save_as,
        import_csv,
        export,
        export_history,
        export_confusion,
        export_pytorch,
        quit,
        theme,
        theme_light,
        theme_dark,
        theme_system,
        zoom_in,
        zoom_out,
        zoom_reset,
        language,
        focus_view,
        fullscreen,
        shortcuts,
        about,
        about_text,
        close,
        reset,
        play,
        pause,
        step_sample,
        step_batch,
        step_epoch,
        speed,
        speed_max,
        hover_reset,
        hover_play,
        hover_step_sample,
        hover_step_batch,
        hover_step_epoch,
        hover_speed,
        hover_status,
        data,
        dataset,
        samples,
        noise,
        test_fraction,
        data_seed,
        hover_dataset,
        hover_samples,
        hover_noise,
        hover_test_fraction,
        columns,
        hover_columns,
        column_name,
        column_kind,
        column_missing,
        column_role,
        hover_role,
        hover_kind,
        hover_missing_count,
        scaling,
        hover_scaling,
        missing_values,
        hover_missing_values,
        hover_cancel_loading,
        hover_data_seed,
        network,
        neurons,
        activation,
        output_activation,
        add_layer,
        remove_layer,
        hover_network,
        hover_neurons,
        hover_activation,
        hover_output_activation,
        hover_add_layer,
        hover_learned,
        hyperparameters,
        hover_hyperparameters,
        loss,
        optimizer,
        learning_rate,
        batch_size,
        l2,
        init_seed,
        hover_loss,
        hover_optimizer,
        hover_learning_rate,
        hover_batch_size,
        hover_l2,
        hover_init_seed,
        training_restarted,
        unsaved_title,
        unsaved_body,
        save_first,
        discard,
        cancel,
        dismiss,
        drop_hint,
        output,
        true_class,
        predicted_class,
        feature,
        value,
        probability,
        previous_sample,
        next_sample,
        hover_sample,
        loss_plot,
        accuracy_plot,
        log_scale,
        train_loss,
        test_loss,
        train_accuracy,
        test_accuracy,
        epoch_axis,
        no_epochs_yet,
        hover_loss_plot,
        hover_accuracy_plot,
        hover_log_scale,
        confusion_matrix,
        train_set,
        test_set,
        row_normalised,
        true_axis,
        predicted_axis,
        class,
        precision,
        recall,
        f1,
        accuracy,
        notebook_empty,
        notebook_hint,
        index,
        probabilities,
        features,
        regression_only,
        hover_confusion,
        hover_row_normalised,
        hover_precision,
        hover_recall,
        hover_f1,
        hover_accuracy,
        hover_train_test,
        untitled,
        filter_experiment_or_dataset,
        filter_csv_dataset,
        filter_experiment,
        filter_csv,
        boundary_key,
        mode_forward,
        mode_backprop,
        hover_mode_forward,
        hover_mode_backprop,
        step_hint,
        next_phase,
        hover_next_phase,
        skip,
        hover_skip,
        done,
        update_not_undone,
        hover_done,
        auto_advance,
        hover_auto_advance,
        animation_speed,
        hover_animation_speed,
        reduce_motion,
        hover_reduce_motion,
        add_layer_here,
        hover_add_layer_here,
        remove_layer_here,
        hover_remove_layer_here,
        fit_view,
        hover_fit_view,
        legend_weight,
        legend_weight_gradient,
        legend_weight_change,
        legend_weight_change_expected,
        legend_delta,
        legend_activation,
        inspector_hint,
        sparkline_title,
        layer_output,
        concepts,
        concepts_search,
        concepts_none,
        show_me,
        hover_show_me,
        hover_concept_hint,
        // small: File ▸ Serve this model…
        serve_model,
        serve_title,
        serve_explanation,
        serve_allow_network,
        serve_network_warning,
        serve_start,
        serve_starting,
        serve_stop,
        serve_curl_intro,
        serve_copy,
        serve_frozen,
        serve_stopped,
        // scale
        /// Slider: how many incoming edges of each neuron a large graph draws.
        edges_per_neuron,
        /// Hover on the edges-per-neuron slider.
        hover_edges_per_neuron,
        /// Button: the notebook's previous page.
        previous_page,
        /// Button: the notebook's next page.
        next_page,
        // lecture (issue 14)
        tab_curves,
        lecture_mode,
        lecture_hint,
        pen_on,
        export_picture,
        picture_title,
        picture_view,
        view_window,
        view_network,
        view_boundary,
        view_plots,
        view_confusion,
        picture_resolution_note,
        picture_white,
        picture_save,
        picture_no_screenshot,
        no_dialog_open,
        // history
        /// The timeline strip's heading.
        timeline,
        back_to_live,
        continue_from_here,
        continue_confirm,
        compare_with,
        compare_copy,
        comparisons,
        comparison_loss,
        comparison_a,
        export_animation,
        filter_gif,
    }
    lists {
        /// Help ▸ Keyboard shortcuts: the keys…
        shortcut_keys[13],
        /// …and what each does.
        shortcut_actions[13],
        /// Column roles: feature, target, ignored.
        role_names[3],
        /// Column kinds: numeric, categorical, ignored.
        kind_names[3],
        /// Scalings: standard, min-max, none.
        scale_names[3],
        /// Missing values: drop rows, impute.
        missing_names[2],
        /// One per step-through phase, in order (①–④).
        phase_labels[4],
        /// One per step-through phase, in order.
        phase_explanations[4],
        /// The examples' menu titles, in `examples::all()` order.
        example_titles[4],
        /// What each example teaches, in `examples::all()` order.
        example_lessons[4],
        /// Activations: linear, step, sigmoid, tanh, relu, leaky_relu, softmax.
        activation_names[7],
        /// Losses: mse, bce, ce.
        loss_names[3],
        /// Optimizers: sgd, momentum, adam, perceptron.
        optimizer_names[4],
        /// Generated datasets, in `Generator::ALL` order: xor, circle, gauss, spiral, moons, linear.
        generator_names[6],
        /// Bundled tables, in `Bundled::ALL` order: iris … spambase.
        bundled_names[7],
        /// The concepts of Help ▸ Concepts, in `concepts::Concept::ALL` order.
        concept_terms[20],
        /// One to three sentences per concept, same order.
        concept_explanations[20],
        /// Help ▸ Keyboard shortcuts: lecture mode's keys…
        shortcut_lecture_keys[4],
        /// …and what each does.
        shortcut_lecture_actions[4],
    }
    templates {
        /// `exported-pytorch` with $dir.
        exported_pytorch(dir),
        /// `export-pytorch-failed` with $error.
        export_pytorch_failed(error),
        /// `status-line` with $epoch, $batch, $batches, $sample, $samples, $elapsed.
        status_line(epoch, batch, batches, sample, samples, elapsed),
        /// `data-summary` with $train, $test, $features, $classes.
        data_summary(train, test, features, classes),
        /// `role-of` with $column.
        role_of(column),
        /// `kind-of` with $column.
        kind_of(column),
        /// `columns-unreadable` with $error.
        columns_unreadable(error),
        /// `loading` with $name.
        loading(name),
        /// `loading-cancelled` with $name.
        loading_cancelled(name),
        /// `hidden-layer` with $number.
        hidden_layer(number),
        /// `output-layer` with $count.
        output_layer(count),
        /// `learned-parameters` with $count.
        learned_parameters(count),
        /// `reset-notice` with $section.
        reset_notice(section),
        /// `applies-next-step` with $setting, $value.
        applies_next_step(setting, value),
        /// `cannot-apply` with $error.
        cannot_apply(error),
        /// `opened` with $name.
        opened(name),
        /// `saved` with $path.
        saved(path),
        /// `unsupported-file` with $path.
        unsupported_file(path),
        /// `diverged-advice` with $error.
        diverged_advice(error),
        /// `crashed` with $error.
        crashed(error),
        /// `imported` with $name.
        imported(name),
        /// `sample-in-focus` with $number, $row.
        sample_in_focus(number, row),
        /// `total` with $count.
        total(count),
        /// `notebook` with $true_class, $predicted, $count.
        notebook(true_class, predicted, count),
        /// `cannot-write` with $path, $error.
        cannot_write(path, error),
        /// `load-stopped` with $path.
        load_stopped(path),
        /// `window-failed` with $error.
        window_failed(error),
        /// `speed-per-sec` with $rate.
        speed_per_sec(rate),
        /// `output-n` with $number.
        output_n(number),
        /// `boundary-needs-two-features` with $count.
        boundary_needs_two_features(count),
        /// `boundary-axes` with $across, $up.
        boundary_axes(across, up),
        /// `boundary-point` with $index, $x, $y, $class.
        boundary_point(index, x, y, class),
        /// `class-named` with $name.
        class_named(name),
        /// `plot-point` with $series, $epoch, $value.
        plot_point(series, epoch, value),
        /// `confusion-cell` with $true_class, $predicted.
        confusion_cell(true_class, predicted),
        /// `loss-value` with $loss.
        loss_value(loss),
        /// `hover-remove-neuron` with $layer.
        hover_remove_neuron(layer),
        /// `hover-add-neuron` with $layer.
        hover_add_neuron(layer),
        /// `hover-layer-activation` with $layer.
        hover_layer_activation(layer),
        /// `inspector-sample` with $index.
        inspector_sample(index),
        /// `inspector-input` with $number, $name.
        inspector_input(number, name),
        /// `inspector-with` with $values.
        inspector_with(values),
        /// `inspector-edge` with $from, $to.
        inspector_edge(from, to),
        /// `update-made` with $optimizer.
        update_made(optimizer),
        /// `update-alone` with $optimizer.
        update_alone(optimizer),
        /// `update-waits` with $place, $size, $mean.
        update_waits(place, size, mean),
        /// `layer-hidden` with $number.
        layer_hidden(number),
        /// `neuron-of-layer` with $layer, $number.
        neuron_of_layer(layer, number),
        /// `diverged` with $epoch, $batch, $learning_rate, $what.
        diverged(epoch, batch, learning_rate, what),
        /// `session-problem` with $error (the file layers' own words).
        session_problem(error),
        /// `inspector-more` with $count.
        inspector_more(count),
        // small: serving, raw input values
        /// `serve-listening` with $url.
        serve_listening(url),
        /// `serve-requests` with $count.
        serve_requests(count),
        /// `serve-epoch` with $epoch.
        serve_epoch(epoch),
        /// `serve-failed` with $reason.
        serve_failed(reason),
        /// `input-raw-scaled` with $name, $raw, $scaled.
        input_raw_scaled(name, raw, scaled),
        // scale
        /// `input-picture` with $rows, $columns: the input layer drawn as a picture.
        input_picture(rows, columns),
        /// `input-pixel` with $index, $row, $column, $value: a hovered pixel of it.
        input_pixel(index, row, column, value),
        /// `notebook-page` with $page, $pages, $count.
        notebook_page(page, pages, count),
        // lecture (issue 14)
        /// `probability-of` with $class.
        probability_of(class),
        /// `readout-epoch` with $epoch.
        readout_epoch(epoch),
        /// `readout-loss` with $loss.
        readout_loss(loss),
        /// `readout-train` with $accuracy.
        readout_train(accuracy),
        /// `readout-test` with $accuracy.
        readout_test(accuracy),
        /// `picture-not-shown` with $view.
        picture_not_shown(view),
        /// `picture-failed` with $reason.
        picture_failed(reason),
        /// `no-dialog-saved` with $path.
        no_dialog_saved(path),
        // history
        /// `viewing-epoch` with $epoch, $live.
        viewing_epoch(epoch, live),
        /// `timeline-live` with $epoch.
        timeline_live(epoch),
        /// `history-budget` with $count, $used, $budget (MiB).
        history_budget(count, used, budget),
        /// `continue-question` with $epoch, $first, $last.
        continue_question(epoch, first, last),
        /// `comparison-title` with $name.
        comparison_title(name),
        /// `comparison-status` with $epoch, $summary.
        comparison_status(epoch, summary),
        /// `comparison-b` with $name.
        comparison_b(name),
        /// `exported-animation` with $path, $frames.
        exported_animation(path, frames),
    }
}
