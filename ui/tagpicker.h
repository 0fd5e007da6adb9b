#pragma once

#include <QDialog>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;

/// Asks for a tag path: completes existing tags as you type (anywhere in the path, any case);
/// a new path creates the tag. Enter accepts, Escape cancels.
class TagPicker final : public QDialog
{
    Q_OBJECT
public:
    explicit TagPicker(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TagPicker)

    void setKnownPaths(const QStringList &paths);
    /// Shown above the field, e.g. the tags the highlight already has.
    void setContext(const QString &text);
    QString path() const;
    QLineEdit *field() const { return m_field; }

private:
    QLineEdit *m_field;
    QLabel *m_context;
    QLabel *m_hint;
    QStringListModel *m_paths;
    QCompleter *m_completer;
};
