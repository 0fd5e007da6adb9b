#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

/// Asks who said a quotation (or every quotation of a speaker): the name, typed or chosen from
/// the speakers already known; an empty name means nobody is named.
class SpeakerDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SpeakerDialog(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SpeakerDialog)

    /// What is being corrected, shown above the name ("“We will win,” and 3 more").
    void setSubject(const QString &subject);
    /// The names offered, the current one first and selected.
    void setSpeakers(const QString &current, const QStringList &known);
    QString speaker() const;
    QComboBox *nameField() const { return m_name; }

private:
    QLabel *m_subject;
    QComboBox *m_name;
};
