/**
 * The conclusions text, bound to the meeting's Yjs document: the chair and the secretary type in
 * it, everyone else sees it change as it is typed. Undo and redo are Yjs's (only one's own edits).
 */
import { ActionIcon, Group, Tooltip } from '@mantine/core';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { CONCLUSIONS_FIELD } from '../../../common/conclusions/conclusionsDoc';
import classes from './Conclusions.module.css';

export interface ConclusionsEditorProps {
  doc: Y.Doc;
  editable: boolean;
}

export function ConclusionsEditor({ doc, editable }: ConclusionsEditorProps) {
  const { t } = useTranslation();
  const editor = useEditor(
    {
      injectCSS: false,
      editable,
      extensions: [
        StarterKit.configure({ undoRedo: false, link: false }),
        Collaboration.configure({ document: doc, field: CONCLUSIONS_FIELD }),
      ],
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('conclusions.editorLabel'),
          'data-testid': 'conclusions-editor',
          lang: 'vi',
        },
      },
    },
    [doc],
  );
  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
    const markReadonly = () => editor.view.dom.setAttribute('aria-readonly', String(!editable));
    // The view exists once EditorContent has mounted it, which in a concurrent render (the room
    // mounts its panels in transitions) can come after this effect: then on 'create'.
    if (editor.isInitialized) {
      markReadonly();
      return;
    }
    editor.on('create', markReadonly);
    return () => void editor.off('create', markReadonly);
  }, [editor, editable]);
  const marks = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      bulletList: e?.isActive('bulletList') ?? false,
      orderedList: e?.isActive('orderedList') ?? false,
    }),
  });

  return (
    <div>
      {editable && editor ? (
        <Group gap={4} mb={4} role="toolbar" aria-label={t('conclusions.toolbar.label')}>
          <FormatButton
            label={t('conclusions.toolbar.bold')}
            active={marks?.bold ?? false}
            onClick={() => editor.chain().focus().toggleBold().run()}
            text="B"
          />
          <FormatButton
            label={t('conclusions.toolbar.bulletList')}
            active={marks?.bulletList ?? false}
            onClick={() => editor.chain().focus().toggleBulletList().run()}
            text="•"
          />
          <FormatButton
            label={t('conclusions.toolbar.orderedList')}
            active={marks?.orderedList ?? false}
            onClick={() => editor.chain().focus().toggleOrderedList().run()}
            text="1."
          />
        </Group>
      ) : null}
      <EditorContent editor={editor} className={classes.editor} />
    </div>
  );
}

function FormatButton(props: {
  label: string;
  active: boolean;
  onClick: () => void;
  text: string;
}) {
  return (
    <Tooltip label={props.label}>
      <ActionIcon
        variant={props.active ? 'filled' : 'default'}
        aria-label={props.label}
        aria-pressed={props.active}
        onClick={props.onClick}
        fw={700}
      >
        {props.text}
      </ActionIcon>
    </Tooltip>
  );
}
