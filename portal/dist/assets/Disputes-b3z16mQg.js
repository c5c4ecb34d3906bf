import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r,l as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{i as o,l as s,n as c,o as l,t as u,u as d}from"./usePageTitle-CUEgSYxO.js";import{t as f}from"./viewer-BCh4hgTe.js";import{t as p}from"./Pager-DAfnWMpG.js";import{n as m,r as h,t as g}from"./States-Fx22-PiY.js";import{i as _,r as v,t as y}from"./format-B5R3HS_1.js";var b=e(t(),1),x=[`OPEN`,`RESOLVED`,`REJECTED`];l(`
  fragment DisputeFields on InvoiceDispute {
    id
    number
    status
    amount
    reason
    resolutionNote
    creditedAmount
    version
    raisedAt
    raisedByName
    resolvedByName
    allowedActions
    dealer {
      id
      code
      name
    }
    invoice {
      id
      number
      amount
      balance
    }
    lines {
      id
      quantity
      amount
      orderLine {
        id
        sku
        productName
      }
    }
    creditNote {
      id
      number
      amount
    }
  }
`);var S=l(`
  query InvoiceDisputes($statuses: [InvoiceDisputeStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    invoiceDisputes(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...DisputeFields
        }
      }
    }
  }
`),C=l(`
  query DisputableInvoice($id: ID!) {
    node(id: $id) {
      id
      ... on Invoice {
        number
        amount
        balance
        disputableAmount
        dueOn
        shipment {
          id
          lines {
            id
            quantity
            amount
            orderLine {
              id
              sku
              productName
            }
          }
        }
      }
    }
  }
`),w=l(`
  mutation RaiseInvoiceDispute($input: RaiseInvoiceDisputeInput!) {
    raiseInvoiceDispute(input: $input) {
      ...DisputeFields
    }
  }
`),T=l(`
  mutation ResolveInvoiceDispute($id: ID!, $amount: Money, $note: String, $expectedVersion: Int) {
    resolveInvoiceDispute(id: $id, amount: $amount, note: $note, expectedVersion: $expectedVersion) {
      ...DisputeFields
    }
  }
`),E=l(`
  mutation RejectInvoiceDispute($id: ID!, $note: String!, $expectedVersion: Int) {
    rejectInvoiceDispute(id: $id, note: $note, expectedVersion: $expectedVersion) {
      ...DisputeFields
    }
  }
`),D=n(),O=`disputes.refused`,k=20;function A(e){return!!e&&x.includes(e)}function j(){let{t:e,i18n:t}=a(),[{data:n}]=f(),i=!!n&&n.me.role!==`DEALER`,o=e(i?`disputes.deskTitle`:`disputes.title`);u(o);let s=(0,b.useId)(),[c,l]=r(),_=c.get(`status`),v=A(_)?_:null,y=v?[v]:i&&_!==`all`?[`OPEN`]:null,C=c.get(`after`),w=c.get(`before`),T={statuses:y,...w?{last:k,before:w}:{first:k,after:C??null}},[{data:E,error:O,fetching:j},N]=d({query:S,variables:T,pause:!n}),P=()=>N({requestPolicy:`network-only`}),F=E?.invoiceDisputes;return(0,D.jsxs)(`section`,{"aria-labelledby":`disputes-title`,children:[(0,D.jsx)(`div`,{className:`page-head`,children:(0,D.jsx)(`h1`,{id:`disputes-title`,children:o})}),(0,D.jsx)(`p`,{className:`lead`,children:e(i?`disputes.deskIntro`:`disputes.intro`)}),(0,D.jsxs)(`div`,{className:`filter`,children:[(0,D.jsx)(`label`,{htmlFor:s,children:e(`disputes.filterStatus`)}),(0,D.jsxs)(`select`,{id:s,value:v??(i&&_!==`all`?``:`all`),onChange:e=>l(e.target.value?{status:e.target.value}:{}),children:[i&&(0,D.jsx)(`option`,{value:``,children:e(`disputes.waiting`)}),(0,D.jsx)(`option`,{value:`all`,children:e(`disputes.allStatuses`)}),x.map(t=>(0,D.jsx)(`option`,{value:t,children:e(`disputeStatus.${t}`)},t))]})]}),j&&!E?(0,D.jsx)(h,{}):O&&!E?(0,D.jsx)(m,{error:O,onRetry:P}):!F||F.totalCount===0?(0,D.jsx)(g,{children:e(i?`disputes.deskEmpty`:`disputes.empty`)}):(0,D.jsxs)(D.Fragment,{children:[(0,D.jsx)(`ul`,{className:`plain-list disputes-list`,children:F.edges?.map(e=>{let n=e?.node;return n?(0,D.jsx)(M,{dispute:n,staff:i,lang:t.language,onDecided:P},n.id):null})}),(0,D.jsx)(p,{pageInfo:F.pageInfo,onPage:e=>{let t={};_&&(t.status=_),e.after&&(t.after=e.after),e.before&&(t.before=e.before),l(t)}})]})]})}function M({dispute:e,staff:t,lang:n,onDecided:r}){let{t:i}=a(),[o,s]=(0,b.useState)(!1),c=e=>v(e,n);return(0,D.jsxs)(`li`,{className:`card dispute`,"data-dispute":e.number,"data-status":e.status,children:[(0,D.jsxs)(`p`,{children:[(0,D.jsx)(`strong`,{className:`mono`,children:e.number}),` `,(0,D.jsx)(`span`,{className:`badge badge-dispute-${e.status.toLowerCase()}`,"data-dispute-status":e.status,children:i(`disputeStatus.${e.status}`)}),` `,i(`disputes.ofInvoice`,{invoice:e.invoice.number,amount:c(e.amount)}),t&&(0,D.jsxs)(`span`,{children:[` · `,e.dealer.name]})]}),(0,D.jsx)(`p`,{className:`muted`,children:i(`disputes.raisedBy`,{name:e.raisedByName,at:_(e.raisedAt,n)})}),(0,D.jsx)(`p`,{children:e.reason}),e.lines.length>0&&(0,D.jsxs)(`p`,{className:`muted`,children:[i(`disputes.lines`),`: `,e.lines.map(e=>`${e.orderLine.sku} × ${e.quantity}`).join(`, `)]}),e.creditNote&&(0,D.jsx)(`p`,{"data-field":`credit`,children:i(`disputes.credited`,{amount:c(e.creditNote.amount),number:e.creditNote.number})}),e.resolutionNote&&(0,D.jsx)(`p`,{className:`muted`,children:e.resolutionNote}),e.allowedActions.length>0&&!o&&(0,D.jsx)(`button`,{type:`button`,className:`button`,"data-action":`decide-dispute`,onClick:()=>s(!0),children:i(`disputes.decide`)}),o&&(0,D.jsx)(N,{dispute:e,onCancel:()=>s(!1),onDone:()=>{s(!1),r()}})]})}function N({dispute:e,onCancel:t,onDone:n}){let{t:r}=a(),i=(0,b.useId)(),[l,u]=(0,b.useState)(e.amount),[d,f]=(0,b.useState)(``),[p,m]=s(T),[h,g]=s(E),_=o(p.error??h.error)[0],v=p.fetching||h.fetching;return(0,D.jsxs)(`form`,{className:`form`,"aria-label":r(`disputes.decide`),onSubmit:e=>e.preventDefault(),children:[(0,D.jsx)(`label`,{htmlFor:`${i}-amount`,children:r(`disputes.creditAmount`)}),(0,D.jsx)(`input`,{id:`${i}-amount`,name:`creditAmount`,inputMode:`decimal`,value:l,onChange:e=>u(e.target.value)}),(0,D.jsx)(`label`,{htmlFor:`${i}-note`,children:r(`disputes.note`)}),(0,D.jsx)(`textarea`,{id:`${i}-note`,name:`note`,value:d,onChange:e=>f(e.target.value)}),_&&(0,D.jsx)(`p`,{className:`field-error`,role:`alert`,"data-field":_.field,children:c(r,_,O)}),(0,D.jsxs)(`p`,{className:`actions-row`,children:[(0,D.jsx)(`button`,{type:`button`,className:`button primary`,"data-action":`resolve-dispute`,disabled:v,onClick:async()=>{(await m({id:e.id,amount:l.trim(),note:d,expectedVersion:e.version})).error||n()},children:r(`disputes.resolve`)}),(0,D.jsx)(`button`,{type:`button`,className:`button danger`,"data-action":`reject-dispute`,disabled:v,onClick:async()=>{(await g({id:e.id,note:d,expectedVersion:e.version})).error||n()},children:r(`disputes.reject`)}),(0,D.jsx)(`button`,{type:`button`,className:`button`,onClick:t,children:r(`disputes.cancel`)})]})]})}function P(){let{t:e,i18n:t}=a();u(e(`disputes.raiseTitle`));let n=(0,b.useId)(),l=i(),[f]=r(),p=f.get(`invoice`)??``,[{data:_,error:x,fetching:S}]=d({query:C,variables:{id:p},pause:!p}),[T,E]=(0,b.useState)(``),[k,A]=(0,b.useState)(``),[j,M]=(0,b.useState)([]),[N,P]=s(w),F=_?.node&&`disputableAmount`in _.node?_.node:null;if(S&&!_)return(0,D.jsx)(h,{});if(x&&!_)return(0,D.jsx)(m,{error:x});if(!F)return(0,D.jsx)(g,{children:e(`disputes.noInvoice`)});let I=e=>v(e,t.language),L=o(N.error)[0];return(0,D.jsxs)(`section`,{"aria-labelledby":`raise-title`,children:[(0,D.jsx)(`h1`,{id:`raise-title`,children:e(`disputes.raiseTitle`)}),(0,D.jsx)(`p`,{className:`lead`,children:e(`disputes.raiseIntro`,{invoice:F.number,balance:I(F.balance),disputable:I(F.disputableAmount),due:y(F.dueOn,t.language)})}),(0,D.jsxs)(`form`,{className:`form`,onSubmit:async e=>{e.preventDefault(),(await P({input:{invoiceID:p,amount:T.trim(),reason:k,shipmentLineIDs:j}})).error||l(`/disputes`)},children:[(0,D.jsxs)(`fieldset`,{children:[(0,D.jsx)(`legend`,{children:e(`disputes.whichLines`)}),F.shipment.lines?.map(e=>(0,D.jsxs)(`label`,{className:`check`,children:[(0,D.jsx)(`input`,{type:`checkbox`,name:`line`,value:e.id,checked:j.includes(e.id),onChange:t=>M(t.target.checked?[...j,e.id]:j.filter(t=>t!==e.id))}),` `,e.orderLine.sku,` `,e.orderLine.productName,` × `,e.quantity,` · `,I(e.amount)]},e.id))]}),(0,D.jsx)(`label`,{htmlFor:`${n}-amount`,children:e(`disputes.amount`)}),(0,D.jsx)(`input`,{id:`${n}-amount`,name:`amount`,inputMode:`decimal`,required:!0,value:T,onChange:e=>E(e.target.value)}),(0,D.jsx)(`label`,{htmlFor:`${n}-reason`,children:e(`disputes.reason`)}),(0,D.jsx)(`textarea`,{id:`${n}-reason`,name:`reason`,required:!0,maxLength:2e3,value:k,onChange:e=>A(e.target.value)}),L&&(0,D.jsx)(`p`,{className:`field-error`,role:`alert`,"data-field":L.field,children:c(e,L,O)}),(0,D.jsx)(`p`,{className:`actions-row`,children:(0,D.jsx)(`button`,{type:`submit`,className:`button primary`,"data-action":`raise-dispute`,disabled:N.fetching,children:e(`disputes.raise`)})})]})]})}export{j as Disputes,P as RaiseDispute};