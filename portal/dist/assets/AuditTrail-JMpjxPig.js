import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{d as i,n as a}from"./chunk-YDNE64FV--Sw1qjUD.js";import{c as o,o as s,t as c,u as l}from"./usePageTitle-CUEgSYxO.js";import{t as u}from"./viewer-BCh4hgTe.js";import{n as d,r as f,t as p}from"./States-Fx22-PiY.js";import{s as m}from"./index-Bfgpyg1k.js";import{i as h}from"./format-B5R3HS_1.js";var g=e(t(),1),_=s(`
  query AuditTrail($filter: AuditFilter, $after: Cursor) {
    auditTrail(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          actorName
          action
          subjectType
          subjectID
          dealer {
            id
            code
            name
          }
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`),v=s(`
  query AuditMenus {
    auditSubjectTypes
    auditActions
    users(first: 100, orderBy: { field: EMAIL, direction: ASC }) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
    dealers(first: 100, orderBy: { field: NAME }) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`),y=s(`
  query AuditTrailCSV($filter: AuditFilter) {
    auditTrailCSV(filter: $filter)
  }
`),b={Order:`/orders/`,Dealer:`/dealers/`,ServiceTicket:`/tickets/`,SalesReturn:`/returns/`,Agreement:`/agreements/`,ChannelPolicy:`/policies/`,ConflictCase:`/conflicts/`,Webhook:`/webhooks/`};function x(e,t){let n=b[e];return n?n+encodeURIComponent(t):null}function S(e){let t=t=>e.get(t)||null;return{actorID:t(`actor`),dealerID:t(`dealer`),subjectType:t(`kind`),action:t(`action`),from:t(`from`),to:t(`to`)}}function C(e){let t=new Set;for(let n of e){let e=n.indexOf(`.`);e>0&&t.add(n.slice(0,e+1)),t.add(n)}return[...t].sort()}var w=n();function T(e,t){let n=URL.createObjectURL(new Blob([e],{type:`text/csv;charset=utf-8`})),r=document.createElement(`a`);r.href=n,r.download=t,r.click(),setTimeout(()=>URL.revokeObjectURL(n),1e3)}function E(){let{t:e,i18n:t}=r();c(e(`audit.title`));let n={actor:(0,g.useId)(),dealer:(0,g.useId)(),kind:(0,g.useId)(),action:(0,g.useId)(),from:(0,g.useId)(),to:(0,g.useId)()},[{data:s}]=u(),[b,E]=i(),D=S(b),[O,k]=(0,g.useState)([]),[A,j]=(0,g.useState)({}),[M,N]=(0,g.useState)(!1),P=o(),F=s?.me.role===`ADMIN`,[I]=l({query:v,pause:!F}),[{data:L,error:R,fetching:z},B]=l({query:_,variables:{filter:D,after:O[O.length-1]??null},pause:!F,requestPolicy:`cache-and-network`});if(s&&!F)return(0,w.jsx)(m,{});let V=(e,t)=>{let n=new URLSearchParams(window.location.search);t?n.set(e,t):n.delete(e),E(n,{replace:!0}),k([])},H=t=>e(`audit.kinds.${t}`,{defaultValue:t}),U=async()=>{N(!0);let e=await P.query(y,{filter:D},{requestPolicy:`network-only`}).toPromise();N(!1),e.data&&T(e.data.auditTrailCSV,`audit-${new Date().toISOString().slice(0,10)}.csv`)},W=(L?.auditTrail.edges??[]).flatMap(e=>e?.node?[e.node]:[]),G=I.data,K=(G?.users.edges??[]).flatMap(e=>e?.node?[e.node]:[]),q=(G?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,w.jsxs)(`section`,{"aria-labelledby":`audit-title`,className:`audit`,children:[(0,w.jsx)(`h1`,{id:`audit-title`,children:e(`audit.title`)}),(0,w.jsx)(`p`,{className:`lead`,children:e(`audit.intro`)}),(0,w.jsxs)(`div`,{className:`inline-form audit-filters`,children:[(0,w.jsx)(`label`,{htmlFor:n.actor,children:e(`audit.actor`)}),(0,w.jsxs)(`select`,{id:n.actor,name:`actor`,value:D.actorID??``,onChange:e=>V(`actor`,e.target.value),children:[(0,w.jsx)(`option`,{value:``,children:e(`audit.anyone`)}),K.map(e=>(0,w.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,w.jsx)(`label`,{htmlFor:n.dealer,children:e(`audit.dealer`)}),(0,w.jsxs)(`select`,{id:n.dealer,name:`dealer`,value:D.dealerID??``,onChange:e=>V(`dealer`,e.target.value),children:[(0,w.jsx)(`option`,{value:``,children:e(`audit.all`)}),q.map(e=>(0,w.jsxs)(`option`,{value:e.id,children:[e.code,` `,e.name]},e.id))]}),(0,w.jsx)(`label`,{htmlFor:n.kind,children:e(`audit.kind`)}),(0,w.jsxs)(`select`,{id:n.kind,name:`kind`,value:D.subjectType??``,onChange:e=>V(`kind`,e.target.value),children:[(0,w.jsx)(`option`,{value:``,children:e(`audit.all`)}),G?.auditSubjectTypes.map(e=>(0,w.jsx)(`option`,{value:e,children:H(e)},e))]}),(0,w.jsx)(`label`,{htmlFor:n.action,children:e(`audit.action`)}),(0,w.jsxs)(`select`,{id:n.action,name:`action`,value:D.action??``,onChange:e=>V(`action`,e.target.value),children:[(0,w.jsx)(`option`,{value:``,children:e(`audit.all`)}),C(G?.auditActions??[]).map(t=>(0,w.jsx)(`option`,{value:t,children:t.endsWith(`.`)?e(`audit.family`,{name:t.slice(0,-1)}):t},t))]}),(0,w.jsx)(`label`,{htmlFor:n.from,children:e(`audit.from`)}),(0,w.jsx)(`input`,{id:n.from,name:`from`,type:`date`,value:D.from??``,onChange:e=>V(`from`,e.target.value)}),(0,w.jsx)(`label`,{htmlFor:n.to,children:e(`audit.to`)}),(0,w.jsx)(`input`,{id:n.to,name:`to`,type:`date`,value:D.to??``,onChange:e=>V(`to`,e.target.value)}),(0,w.jsx)(`button`,{type:`button`,className:`button`,"data-action":`export-csv`,onClick:U,disabled:M,"aria-busy":M,children:e(M?`audit.exporting`:`audit.exportCSV`)})]}),z&&!L?(0,w.jsx)(f,{}):R&&!L?(0,w.jsx)(d,{error:R,onRetry:()=>B({requestPolicy:`network-only`})}):W.length===0?(0,w.jsx)(p,{children:e(`audit.none`)}):(0,w.jsxs)(w.Fragment,{children:[(0,w.jsx)(`p`,{className:`hint`,"data-count":L?.auditTrail.totalCount,children:e(`audit.count`,{count:L?.auditTrail.totalCount??0})}),(0,w.jsx)(`div`,{className:`table-scroll`,children:(0,w.jsxs)(`table`,{className:`table audit-trail`,children:[(0,w.jsx)(`thead`,{children:(0,w.jsxs)(`tr`,{children:[(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.when`)}),(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.actor`)}),(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.action`)}),(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.record`)}),(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.dealer`)}),(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.changes`)})]})}),(0,w.jsx)(`tbody`,{children:W.map(n=>{let r=x(n.subjectType,n.subjectID),i=`${H(n.subjectType)} ${n.subjectID}`;return(0,w.jsxs)(g.Fragment,{children:[(0,w.jsxs)(`tr`,{"data-entry":n.id,"data-action":n.action,children:[(0,w.jsx)(`td`,{"data-label":e(`audit.when`),children:h(n.at,t.language)}),(0,w.jsx)(`td`,{"data-label":e(`audit.actor`),children:n.actorName}),(0,w.jsx)(`td`,{"data-label":e(`audit.action`),children:(0,w.jsx)(`code`,{children:n.action})}),(0,w.jsx)(`td`,{"data-label":e(`audit.record`),children:r?(0,w.jsx)(a,{to:r,"data-record-link":!0,children:i}):i}),(0,w.jsx)(`td`,{"data-label":e(`audit.dealer`),children:n.dealer?`${n.dealer.code} ${n.dealer.name}`:`—`}),(0,w.jsx)(`td`,{"data-label":e(`audit.changes`),children:n.changes.length===0?`—`:(0,w.jsx)(`button`,{type:`button`,className:`button`,"aria-expanded":!!A[n.id],"data-expand":n.id,onClick:()=>j({...A,[n.id]:!A[n.id]}),children:A[n.id]?e(`audit.hide`):e(`audit.show`,{count:n.changes.length})})})]}),A[n.id]&&(0,w.jsx)(`tr`,{className:`audit-detail`,"data-detail":n.id,children:(0,w.jsx)(`td`,{colSpan:6,children:(0,w.jsxs)(`table`,{className:`table audit-changes`,children:[(0,w.jsx)(`thead`,{children:(0,w.jsxs)(`tr`,{children:[(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.field`)}),(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.before`)}),(0,w.jsx)(`th`,{scope:`col`,children:e(`audit.after`)})]})}),(0,w.jsx)(`tbody`,{children:n.changes.map((t,n)=>(0,w.jsxs)(`tr`,{children:[(0,w.jsx)(`th`,{scope:`row`,"data-label":e(`audit.field`),children:t.field}),(0,w.jsx)(`td`,{"data-label":e(`audit.before`),className:`audit-value`,children:t.before??`—`}),(0,w.jsx)(`td`,{"data-label":e(`audit.after`),className:`audit-value`,children:t.after??`—`})]},n))})]})})})]},n.id)})})]})}),(0,w.jsxs)(`div`,{className:`pager`,children:[O.length>0&&(0,w.jsx)(`button`,{type:`button`,className:`button`,onClick:()=>k(O.slice(0,-1)),children:e(`audit.newer`)}),L?.auditTrail.pageInfo.hasNextPage&&(0,w.jsx)(`button`,{type:`button`,className:`button`,onClick:()=>k([...O,L.auditTrail.pageInfo.endCursor]),children:e(`audit.older`)})]})]})]})}export{E as AuditTrail};