import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{n as r,u as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{a as o,l as s,o as c,t as l,u}from"./usePageTitle-CUEgSYxO.js";import{t as d}from"./viewer-BCh4hgTe.js";import{n as f,r as p,t as m}from"./States-Fx22-PiY.js";import{i as h,t as g}from"./format-B5R3HS_1.js";import{CaseStatus as _}from"./Conflicts-DG6Qg2as.js";import{n as v}from"./localName-OkrEYGri.js";import{h as y,m as b,p as x}from"./index-Bfgpyg1k.js";var S=e(t(),1),C=n(),w=c(`
  fragment ConflictCaseFields on ConflictCase {
    id
    number
    kind
    severity
    status
    summary
    evidence
    dueOn
    overdue
    resolutionNote
    resolvedAt
    openedByName
    openedAt
    lastActivityAt
    allowedTransitions
    territory {
      id
      name
      nameZh
    }
    reporterDealer {
      id
      name
    }
    parties {
      id
      name
    }
    evidenceOrders {
      id
      number
    }
    comments {
      id
      authorName
      fromStaff
      internal
      body
      at
      attachments {
        ...AttachmentFields
      }
    }
    attachments {
      ...AttachmentFields
    }
    history {
      id
      action
      from
      to
      actorName
      note
      internal
      at
    }
  }
`),T=c(`
  query ConflictCase($id: ID!) {
    node(id: $id) {
      __typename
      id
      ...ConflictCaseFields
    }
  }
`),E=c(`
  mutation MoveConflictCase($id: ID!, $to: ConflictStatus!, $note: String) {
    moveConflictCase(id: $id, to: $to, note: $note) {
      ...ConflictCaseFields
    }
  }
`),D=c(`
  mutation CommentOnConflictCase($id: ID!, $body: String!, $internal: Boolean) {
    commentOnConflictCase(id: $id, body: $body, internal: $internal) {
      ...ConflictCaseFields
    }
  }
`);function O(){let{t:e,i18n:t}=a(),{id:n=``}=i(),[{data:o}]=d(),s=o?.me.role!==`DEALER`,[{data:c,error:y,fetching:b},S]=u({query:T,variables:{id:n}}),w=c?.node?.__typename===`ConflictCase`?c.node:null;l(w?.number??e(`conflicts.title`));let E=(0,C.jsx)(`p`,{className:`back`,children:(0,C.jsxs)(r,{to:`/conflicts`,children:[`← `,e(`conflicts.back`)]})});return b&&!c?(0,C.jsx)(p,{}):y&&!c?(0,C.jsxs)(C.Fragment,{children:[E,(0,C.jsx)(f,{error:y,onRetry:()=>S({requestPolicy:`network-only`})})]}):w?(0,C.jsxs)(`article`,{"aria-labelledby":`case-title`,className:`conflict-case`,children:[E,(0,C.jsxs)(`p`,{className:`eyebrow`,children:[e(`conflictKind.${w.kind}`),` ·`,` `,(0,C.jsx)(`span`,{className:`badge severity-${w.severity.toLowerCase()}`,children:e(`conflictSeverity.${w.severity}`)})]}),(0,C.jsxs)(`h1`,{id:`case-title`,children:[(0,C.jsx)(`span`,{className:`mono`,children:w.number}),` `,(0,C.jsx)(_,{status:w.status})]}),(0,C.jsx)(`p`,{className:`case-summary`,children:w.summary}),(0,C.jsxs)(`dl`,{className:`facts`,children:[(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`conflicts.parties`)}),(0,C.jsx)(`dd`,{className:`case-parties`,children:w.parties.map(e=>e.name).join(`, `)})]}),(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`conflicts.territory`)}),(0,C.jsx)(`dd`,{children:w.territory?v(w.territory,t.language):e(`conflicts.noTerritory`)})]}),(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`conflicts.openedBy`)}),(0,C.jsxs)(`dd`,{children:[w.openedByName,w.reporterDealer&&(0,C.jsxs)(C.Fragment,{children:[` (`,w.reporterDealer.name,`)`]}),` · `,h(w.openedAt,t.language)]})]}),(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`conflicts.dueOn`)}),(0,C.jsxs)(`dd`,{children:[g(w.dueOn,t.language),` `,w.overdue&&(0,C.jsx)(`span`,{className:`badge badge-terminated`,children:e(`conflicts.overdue`)})]})]})]}),w.resolutionNote&&(0,C.jsxs)(`p`,{className:`notice`,children:[e(`conflicts.resolution`),`: `,w.resolutionNote]}),(w.evidence||w.evidenceOrders.length>0)&&(0,C.jsxs)(`section`,{"aria-labelledby":`case-evidence`,children:[(0,C.jsx)(`h2`,{id:`case-evidence`,children:e(`conflicts.evidence`)}),w.evidence&&(0,C.jsx)(`p`,{className:`pre`,children:w.evidence}),w.evidenceOrders.length>0&&(0,C.jsx)(`ul`,{className:`chips`,children:w.evidenceOrders.map(e=>(0,C.jsx)(`li`,{children:(0,C.jsx)(r,{to:`/orders/${encodeURIComponent(e.id)}`,className:`mono`,children:e.number})},e.id))})]}),(0,C.jsx)(x,{parentID:w.id,attachments:w.attachments,onChange:()=>S({requestPolicy:`network-only`})}),s&&w.allowedTransitions.length>0&&(0,C.jsx)(k,{id:w.id,moves:w.allowedTransitions}),(0,C.jsxs)(`section`,{"aria-labelledby":`case-comments`,children:[(0,C.jsx)(`h2`,{id:`case-comments`,children:e(`conflicts.comments`)}),w.comments.length?(0,C.jsx)(`ul`,{className:`comments`,children:w.comments.map(n=>(0,C.jsxs)(`li`,{className:n.internal?`comment comment-internal`:`comment`,children:[(0,C.jsxs)(`p`,{className:`history-who`,children:[n.authorName,` `,n.fromStaff&&(0,C.jsx)(`span`,{className:`badge`,children:e(`conflicts.staff`)}),n.internal&&(0,C.jsx)(`span`,{className:`badge badge-hold`,children:e(`conflicts.internal`)}),` `,(0,C.jsx)(`time`,{dateTime:n.at,children:h(n.at,t.language)})]}),(0,C.jsx)(`p`,{className:`pre`,children:n.body}),(0,C.jsx)(x,{compact:!0,parentID:n.id,attachments:n.attachments,canAttach:!1})]},n.id))}):(0,C.jsx)(m,{children:e(`conflicts.noComments`)}),(0,C.jsx)(A,{id:w.id,staff:s,comments:w.comments.map(e=>e.id),onFilesSent:()=>S({requestPolicy:`network-only`})})]}),(0,C.jsxs)(`section`,{"aria-labelledby":`case-history`,children:[(0,C.jsx)(`h2`,{id:`case-history`,children:e(`conflicts.history`)}),(0,C.jsx)(`ol`,{className:`history case-history`,children:w.history.map(n=>(0,C.jsxs)(`li`,{children:[(0,C.jsx)(`span`,{className:`history-what`,children:n.from&&n.to?e(`conflicts.moved`,{from:e(`conflictStatus.${n.from}`),to:e(`conflictStatus.${n.to}`)}):e(`conflictAction.${n.action}`)}),` `,n.internal&&(0,C.jsx)(`span`,{className:`badge badge-hold`,children:e(`conflicts.internal`)}),` `,(0,C.jsx)(`span`,{className:`history-who`,children:n.actorName}),` `,(0,C.jsx)(`time`,{dateTime:n.at,children:h(n.at,t.language)}),n.note&&(0,C.jsx)(`p`,{className:`history-note`,children:n.note})]},n.id))})]})]}):(0,C.jsxs)(C.Fragment,{children:[E,(0,C.jsx)(m,{children:e(`conflicts.notFound`)})]})}function k({id:e,moves:t}){let{t:n}=a(),r=(0,S.useId)(),[i,c]=(0,S.useState)(``),[{fetching:l,error:u},d]=s(E);return(0,C.jsxs)(`section`,{"aria-labelledby":`case-move`,className:`case-move`,children:[(0,C.jsx)(`h2`,{id:`case-move`,children:n(`conflicts.move`)}),(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:r,children:n(`conflicts.moveNote`)}),(0,C.jsx)(`textarea`,{id:r,name:`note`,rows:2,value:i,onChange:e=>c(e.target.value)})]}),(0,C.jsx)(`p`,{className:`actions-row`,children:t.map(t=>(0,C.jsx)(`button`,{type:`button`,className:`button`,"data-move":t,disabled:l,onClick:async()=>{(await d({id:e,to:t,note:i||null})).error||c(``)},children:n(`conflicts.moveTo.${t}`)},t))}),u&&(0,C.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(n,u,`conflicts.refused`)})]})}function A({id:e,staff:t,comments:n,onFilesSent:r}){let{t:i}=a(),c=(0,S.useId)(),[l,u]=(0,S.useState)(``),[d,f]=(0,S.useState)(!1),[{fetching:p,error:m},h]=s(D),g=y();return(0,C.jsxs)(`form`,{className:`form comment-form`,onSubmit:async i=>{i.preventDefault();let a=new Set(n),o=await h({id:e,body:l,internal:t?d:null});if(o.error||!o.data)return;u(``);let s=o.data.commentOnConflictCase.comments.find(e=>!a.has(e.id));s&&g.staged.length&&(await g.send(s.id),r())},children:[(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:c,children:i(`conflicts.addComment`)}),(0,C.jsx)(`textarea`,{id:c,name:`comment`,rows:3,value:l,onChange:e=>u(e.target.value)})]}),t&&(0,C.jsxs)(`label`,{className:`check`,children:[(0,C.jsx)(`input`,{type:`checkbox`,name:`internal`,checked:d,onChange:e=>f(e.target.checked)}),` `,i(`conflicts.internalNote`)]}),m&&(0,C.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(i,m)}),(0,C.jsx)(b,{files:g}),(0,C.jsx)(`p`,{className:`actions-row`,children:(0,C.jsx)(`button`,{type:`submit`,className:`button`,disabled:p||!!g.sending||!l.trim(),children:i(`conflicts.postComment`)})})]})}export{D as CommentOnConflictCaseMutation,w as ConflictCaseFieldsFragment,T as ConflictCaseQuery,O as ConflictDetail,E as MoveConflictCaseMutation};